package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The exact text of a record the table refuses, when there is no dead letter queue to send it to. */
class RejectionsTest {
    @Test
    void withoutAReporter_theDatabasesSentenceEndsOnce_thenTheFix() {
        SinkRecord record = new SinkRecord("orders", 2, null, null, Schema.STRING_SCHEMA, "x", 41);
        Rejections rejections = new Rejections(null);

        assertThatThrownBy(() -> rejections.reject(record, "\"public\".\"orders\"",
                "ERROR: value too long for type character varying(3).", new IllegalStateException()))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Record at topic 'orders', partition 2, offset 41 cannot be written to table "
                        + "\"public\".\"orders\": ERROR: value too long for type character varying(3). Fix the record "
                        + "upstream or the table, or set errors.tolerance=all (with errors.deadletterqueue.topic.name) "
                        + "so such records go to a dead letter queue and the others are written.");
    }
}

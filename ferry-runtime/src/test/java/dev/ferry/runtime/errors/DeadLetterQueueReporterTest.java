package dev.ferry.runtime.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class DeadLetterQueueReporterTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("orders-sink", 3);

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void failedRecord_isWrittenWithItsOriginalBytesHeadersAndTimestamp() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, "dlq", false);

        reporter.report(report(consumed()));

        ProducerRecord<byte[], byte[]> written = producer.history().get(0);
        assertThat(written.topic()).isEqualTo("dlq");
        assertThat(written.partition()).isNull();
        assertThat(written.key()).isEqualTo("key-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(written.value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(written.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(headerNames(written)).containsExactly("trace-id");
    }

    @Test
    void contextHeaders_addApachesTenErrorHeaders() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, "dlq", true);

        reporter.report(report(consumed()));

        ProducerRecord<byte[], byte[]> written = producer.history().get(0);
        assertThat(headerNames(written)).containsExactly("trace-id",
                "__connect.errors.topic", "__connect.errors.partition", "__connect.errors.offset",
                "__connect.errors.connector.name", "__connect.errors.task.id", "__connect.errors.stage",
                "__connect.errors.class.name", "__connect.errors.exception.class.name",
                "__connect.errors.exception.message", "__connect.errors.exception.stacktrace");
        assertThat(header(written, "__connect.errors.topic")).isEqualTo("orders");
        assertThat(header(written, "__connect.errors.partition")).isEqualTo("2");
        assertThat(header(written, "__connect.errors.offset")).isEqualTo("41");
        assertThat(header(written, "__connect.errors.connector.name")).isEqualTo("orders-sink");
        assertThat(header(written, "__connect.errors.task.id")).isEqualTo("3");
        assertThat(header(written, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
        assertThat(header(written, "__connect.errors.class.name"))
                .isEqualTo("org.apache.kafka.connect.storage.StringConverter");
        assertThat(header(written, "__connect.errors.exception.class.name"))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(header(written, "__connect.errors.exception.message")).isEqualTo("unexpected end of input");
        assertThat(header(written, "__connect.errors.exception.stacktrace"))
                .startsWith("org.apache.kafka.connect.errors.DataException: unexpected end of input");
    }

    @Test
    void failureWithoutAConsumedRecord_isNotWritten() {
        DeadLetterQueueReporter reporter = new DeadLetterQueueReporter(producer, "dlq", true);

        reporter.report(report(null)).join();

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void logReporter_describesTheStageClassAndRecordLikeApache() {
        LogReporter reporter = new LogReporter(true);

        String message = reporter.message(report(consumed()));

        assertThat(message).isEqualTo("Error encountered in task orders-sink-3. Executing stage 'VALUE_CONVERTER' "
                + "with class 'org.apache.kafka.connect.storage.StringConverter', where consumed record is "
                + "{topic='orders', partition=2, offset=41, timestamp=1700000000000, timestampType=CreateTime}.");
        assertThat(new LogReporter(false).message(report(consumed()))).isEqualTo("Error encountered in task "
                + "orders-sink-3. Executing stage 'VALUE_CONVERTER' with class "
                + "'org.apache.kafka.connect.storage.StringConverter'.");
    }

    private static ErrorReport report(ConsumerRecord<byte[], byte[]> consumed) {
        return new ErrorReport(TASK, Stage.VALUE_CONVERTER, StringConverter.class,
                new DataException("unexpected end of input"), consumed, null);
    }

    private static ConsumerRecord<byte[], byte[]> consumed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        byte[] key = "key-bytes".getBytes(StandardCharsets.UTF_8);
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("orders", 2, 41L, 1_700_000_000_000L, TimestampType.CREATE_TIME, key.length,
                value.length, key, value, headers, Optional.empty());
    }

    private static List<String> headerNames(ProducerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

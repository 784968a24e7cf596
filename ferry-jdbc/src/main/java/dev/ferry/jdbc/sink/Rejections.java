package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.Sentences;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record that cannot be written goes: to the runtime's errant record reporter (the dead letter queue, with
 * {@code errors.tolerance=all}), while the rest of the put is written; or, without a reporter, into the exception
 * that fails the task, which names the record's topic, partition and offset, the table, the reason and the fix.
 */
final class Rejections {
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final ErrantRecordReporter reporter;
    private int count;

    Rejections(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Reports the record, or throws.
     *
     * @throws ConnectException when there is no reporter (or the reporter's tolerance is exceeded)
     */
    void reject(SinkRecord record, Object table, String problem, Throwable cause) {
        String message = "Record at topic '" + record.topic() + "', partition " + record.kafkaPartition()
                + ", offset " + record.kafkaOffset() + " cannot be written to table " + table + ": " + problem;
        if (reporter == null) {
            throw new ConnectException(Sentences.then(message, "Fix the record upstream or the table, or set "
                    + "errors.tolerance=all (with errors.deadletterqueue.topic.name) so such records go to a dead "
                    + "letter queue and the others are written."), cause);
        }
        count++;
        log.warn("{}; sent to the errant record reporter", message);
        reporter.report(record, new DataException(message, cause));
    }

    /** How many records went to the reporter since the task started. */
    int count() {
        return count;
    }
}

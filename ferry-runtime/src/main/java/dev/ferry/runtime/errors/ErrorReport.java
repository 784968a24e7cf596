package dev.ferry.runtime.errors;

import dev.ferry.runtime.model.ConnectorTaskId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One failure, as the error reporters see it: which task, at which stage, in which plugin class,
 * what went wrong, and the record being processed. A sink failure carries the record exactly as it
 * was consumed (its original bytes go to the dead letter queue); a source failure carries the
 * record the task produced. Either record may be null when the failure is not about a record.
 */
public record ErrorReport(
        ConnectorTaskId task,
        Stage stage,
        Class<?> executingClass,
        Throwable error,
        ConsumerRecord<byte[], byte[]> consumedRecord,
        SourceRecord sourceRecord) {
}

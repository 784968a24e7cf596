package dev.ferry.runtime.errors;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each failure at ERROR ({@code errors.log.enable=true}) in the shape Apache's workers use,
 * e.g. {@code Error encountered in task orders-0. Executing stage 'VALUE_CONVERTER' with class
 * 'org.apache.kafka.connect.json.JsonConverter', where consumed record is {topic='orders',
 * partition=0, offset=17, timestamp=1700000000000, timestampType=CreateTime}.}, so alerts written
 * against those lines keep matching. The record's coordinates are included only with
 * {@code errors.log.include.messages=true}, because a source record prints its data.
 *
 * <p>Thread contract: stateless; safe from any thread.
 */
public final class LogReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(LogReporter.class);

    private final boolean includeRecords;

    /** A reporter that logs record details only if {@code includeRecords}. */
    public LogReporter(boolean includeRecords) {
        this.includeRecords = includeRecords;
    }

    @Override
    public CompletableFuture<Void> report(ErrorReport report) {
        log.error(message(report), report.error());
        return CompletableFuture.completedFuture(null);
    }

    String message(ErrorReport report) {
        StringBuilder text = new StringBuilder("Error encountered in task ").append(report.task())
                .append(". Executing stage '").append(report.stage())
                .append("' with class '")
                .append(report.executingClass() == null ? "null" : report.executingClass().getName())
                .append('\'');
        if (includeRecords) {
            ConsumerRecord<byte[], byte[]> consumed = report.consumedRecord();
            if (consumed != null) {
                text.append(", where consumed record is {topic='").append(consumed.topic())
                        .append("', partition=").append(consumed.partition())
                        .append(", offset=").append(consumed.offset());
                if (consumed.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
                    text.append(", timestamp=").append(consumed.timestamp())
                            .append(", timestampType=").append(consumed.timestampType());
                }
                text.append('}');
            } else if (report.sourceRecord() != null) {
                text.append(", where source record is = ").append(report.sourceRecord());
            }
        }
        return text.append('.').toString();
    }
}

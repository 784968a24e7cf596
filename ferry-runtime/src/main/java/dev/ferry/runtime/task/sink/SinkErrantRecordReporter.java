package dev.ferry.runtime.task.sink;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.Stage;
import dev.ferry.runtime.task.RecordConverters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code errantRecordReporter()} a sink task gets (KIP-610): records the task cannot write go
 * through the task's error handler as stage TASK_PUT, so they are logged and sent to the dead
 * letter queue like conversion failures, and fail the task unless {@code errors.tolerance=all}.
 * The dead letter queue gets the record's original bytes; for a record the task built itself they
 * are recreated with the task's converters. Before offsets of a partition are committed, the
 * runner waits for that partition's reports to be written.
 *
 * <p>Thread contract: {@link #report} may be called from any thread the task uses; the rest from
 * the task thread.
 */
final class SinkErrantRecordReporter implements ErrantRecordReporter {
    private static final Logger log = LoggerFactory.getLogger(SinkErrantRecordReporter.class);

    private final ErrorHandler errors;
    private final RecordConverters converters;
    private final Map<TopicPartition, List<CompletableFuture<Void>>> pending = new ConcurrentHashMap<>();

    SinkErrantRecordReporter(ErrorHandler errors, RecordConverters converters) {
        this.errors = errors;
        this.converters = converters;
    }

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        ConsumerRecord<byte[], byte[]> consumed = record instanceof ConsumedSinkRecord known
                ? known.consumed() : toConsumerRecord(record);
        CompletableFuture<Void> reported = errors.reportFailure(Stage.TASK_PUT, SinkTask.class, consumed, null, error);
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        pending.compute(partition, (tp, futures) -> {
            List<CompletableFuture<Void>> list = futures == null ? new ArrayList<>() : futures;
            list.removeIf(CompletableFuture::isDone);
            list.add(reported);
            return list;
        });
        return reported;
    }

    /** Waits for every report about records of the given partitions to be written. */
    void awaitReports(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<CompletableFuture<Void>> futures = pending.remove(partition);
            if (futures == null) {
                continue;
            }
            for (CompletableFuture<Void> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    log.error("An errant record of partition {} could not be reported; committing its offset anyway",
                            partition, e.getCause());
                }
            }
        }
    }

    private ConsumerRecord<byte[], byte[]> toConsumerRecord(SinkRecord record) {
        String topic = record.originalTopic();
        RecordHeaders headers = new RecordHeaders();
        try (LoaderSwap ignored = Plugins.swapLoaderOf(converters.header())) {
            for (Header header : record.headers()) {
                headers.add(header.key(), converters.header().fromConnectHeader(topic, header.key(), header.schema(),
                        header.value()));
            }
        }
        byte[] key;
        try (LoaderSwap ignored = Plugins.swapLoaderOf(converters.key())) {
            key = converters.key().fromConnectData(topic, headers, record.keySchema(), record.key());
        }
        byte[] value;
        try (LoaderSwap ignored = Plugins.swapLoaderOf(converters.value())) {
            value = converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value());
        }
        long timestamp = record.timestamp() == null ? ConsumerRecord.NO_TIMESTAMP : record.timestamp();
        TimestampType type = record.timestampType() == null ? TimestampType.NO_TIMESTAMP_TYPE : record.timestampType();
        return new ConsumerRecord<>(topic, record.originalKafkaPartition(), record.originalKafkaOffset(), timestamp,
                type, key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers,
                Optional.empty());
    }
}

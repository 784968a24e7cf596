package dev.ferry.runtime.task.source;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.RecordAttempt;
import dev.ferry.runtime.errors.Stage;
import dev.ferry.runtime.task.RecordConverters;
import dev.ferry.runtime.task.TransformationChain;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The source half of the record flow: a polled record goes through the transforms, then the
 * header, key and value converters (which see the topic and the converted headers), and comes out
 * as the producer record to send. Every stage runs through the task's {@link ErrorHandler}.
 *
 * <p>Thread contract: used by the task thread only; owns and closes the chain and converters.
 */
public final class SourceRecordPipeline implements AutoCloseable {
    private final TransformationChain<SourceRecord> transforms;
    private final RecordConverters converters;
    private final ErrorHandler errors;

    /** A pipeline over the given transforms and converters. */
    public SourceRecordPipeline(TransformationChain<SourceRecord> transforms, RecordConverters converters,
                                ErrorHandler errors) {
        this.transforms = transforms;
        this.converters = converters;
        this.errors = errors;
    }

    /**
     * The producer record for a polled record, or null when the record is to be dropped: filtered
     * out by a transform, or failed in a stage with errors tolerated.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException when a failure is not tolerated
     */
    public ProducerRecord<byte[], byte[]> process(SourceRecord polled) {
        RecordAttempt attempt = errors.attempt(polled);
        SourceRecord record = transforms.apply(attempt, polled);
        if (record == null) {
            return null;
        }
        RecordHeaders headers = attempt.run(Stage.HEADER_CONVERTER, converters.header().getClass(),
                () -> convertHeaders(record));
        if (attempt.failed()) {
            return null;
        }
        byte[] key = attempt.run(Stage.KEY_CONVERTER, converters.key().getClass(), () -> {
            ClassLoader previous = Plugins.enterLoaderOf(converters.key());
            try {
                return converters.key().fromConnectData(record.topic(), headers, record.keySchema(), record.key());
            } finally {
                LoaderSwap.exit(previous);
            }
        });
        if (attempt.failed()) {
            return null;
        }
        byte[] value = attempt.run(Stage.VALUE_CONVERTER, converters.value().getClass(), () -> {
            ClassLoader previous = Plugins.enterLoaderOf(converters.value());
            try {
                return converters.value().fromConnectData(record.topic(), headers, record.valueSchema(),
                        record.value());
            } finally {
                LoaderSwap.exit(previous);
            }
        });
        if (attempt.failed()) {
            return null;
        }
        return new ProducerRecord<>(record.topic(), record.kafkaPartition(), timestamp(record), key, value, headers);
    }

    @Override
    public void close() {
        transforms.close();
        converters.close();
    }

    private RecordHeaders convertHeaders(SourceRecord record) {
        RecordHeaders result = new RecordHeaders();
        if (record.headers() == null || record.headers().isEmpty()) {
            return result;
        }
        ClassLoader previous = Plugins.enterLoaderOf(converters.header());
        try {
            for (Header header : record.headers()) {
                byte[] raw = converters.header().fromConnectHeader(record.topic(), header.key(), header.schema(),
                        header.value());
                result.add(header.key(), raw);
            }
        } finally {
            LoaderSwap.exit(previous);
        }
        return result;
    }

    private static Long timestamp(SourceRecord record) {
        Long timestamp = record.timestamp();
        if (timestamp == null || timestamp >= 0) {
            return timestamp;
        }
        if (timestamp == -1L) {
            // Kafka's "no timestamp": let the producer stamp the record.
            return null;
        }
        throw new InvalidRecordException("Source record for topic '" + record.topic() + "' has the invalid timestamp "
                + timestamp + "; timestamps must be null or at least 0");
    }
}

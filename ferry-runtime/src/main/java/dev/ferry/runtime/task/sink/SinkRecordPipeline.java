package dev.ferry.runtime.task.sink;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.RecordAttempt;
import dev.ferry.runtime.errors.Stage;
import dev.ferry.runtime.task.RecordConverters;
import dev.ferry.runtime.task.TransformationChain;
import java.util.Iterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The sink half of the record flow: a consumed record goes through the key, value and header
 * converters, becomes a {@link SinkRecord} that keeps its original topic, partition and offset,
 * and then goes through the transforms. Every stage runs through the task's {@link ErrorHandler}.
 *
 * <p>Thread contract: used by the task thread only; owns and closes the chain and converters.
 */
public final class SinkRecordPipeline implements AutoCloseable {
    private final TransformationChain<SinkRecord> transforms;
    private final RecordConverters converters;
    private final ErrorHandler errors;

    /** A pipeline over the given converters and transforms. */
    public SinkRecordPipeline(TransformationChain<SinkRecord> transforms, RecordConverters converters,
                              ErrorHandler errors) {
        this.transforms = transforms;
        this.converters = converters;
        this.errors = errors;
    }

    /**
     * The record to hand to the task, or null when it is to be skipped: filtered out by a
     * transform, or failed in a stage with errors tolerated. Its offset counts as consumed either way.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException when a failure is not tolerated
     */
    public SinkRecord process(ConsumerRecord<byte[], byte[]> consumed) {
        RecordAttempt attempt = errors.attempt(consumed);
        SchemaAndValue key = attempt.run(Stage.KEY_CONVERTER, converters.key().getClass(), () -> {
            ClassLoader previous = Plugins.enterLoaderOf(converters.key());
            try {
                return converters.key().toConnectData(consumed.topic(), consumed.headers(), consumed.key());
            } finally {
                LoaderSwap.exit(previous);
            }
        });
        if (attempt.failed()) {
            return null;
        }
        SchemaAndValue value = attempt.run(Stage.VALUE_CONVERTER, converters.value().getClass(), () -> {
            ClassLoader previous = Plugins.enterLoaderOf(converters.value());
            try {
                return converters.value().toConnectData(consumed.topic(), consumed.headers(), consumed.value());
            } finally {
                LoaderSwap.exit(previous);
            }
        });
        if (attempt.failed()) {
            return null;
        }
        ConnectHeaders headers = attempt.run(Stage.HEADER_CONVERTER, converters.header().getClass(),
                () -> convertHeaders(consumed));
        if (attempt.failed()) {
            return null;
        }
        Long timestamp = consumed.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? null : consumed.timestamp();
        SinkRecord record = new ConsumedSinkRecord(consumed, consumed.topic(), consumed.partition(),
                schemaOf(key), valueOf(key), schemaOf(value), valueOf(value), consumed.offset(), timestamp,
                consumed.timestampType(), headers, consumed.topic(), consumed.partition(), consumed.offset());
        return transforms.apply(attempt, record);
    }

    @Override
    public void close() {
        transforms.close();
        converters.close();
    }

    RecordConverters converters() {
        return converters;
    }

    private ConnectHeaders convertHeaders(ConsumerRecord<byte[], byte[]> consumed) {
        ConnectHeaders result = new ConnectHeaders();
        Iterator<org.apache.kafka.common.header.Header> headers = consumed.headers().iterator();
        if (!headers.hasNext()) {
            return result;
        }
        ClassLoader previous = Plugins.enterLoaderOf(converters.header());
        try {
            while (headers.hasNext()) {
                org.apache.kafka.common.header.Header header = headers.next();
                SchemaAndValue converted = converters.header().toConnectHeader(consumed.topic(), header.key(),
                        header.value());
                result.add(header.key(), converted);
            }
        } finally {
            LoaderSwap.exit(previous);
        }
        return result;
    }

    private static org.apache.kafka.connect.data.Schema schemaOf(SchemaAndValue converted) {
        return converted == null ? null : converted.schema();
    }

    private static Object valueOf(SchemaAndValue converted) {
        return converted == null ? null : converted.value();
    }
}

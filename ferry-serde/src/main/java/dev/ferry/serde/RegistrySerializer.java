package dev.ferry.serde;

import dev.ferry.serde.client.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the format serializers share, so that each one only encodes: the {@link SerdeContext} built by
 * {@link #configure} (on the application's shared registry client, if it passed one), null written as null, the
 * check that the serializer was configured, failures as a {@link SerializationException} naming the format, the
 * side and the topic, and {@link #close()}. Thread-safe once configured.
 */
public abstract class RegistrySerializer<T> implements Serializer<T> {

    private final String format;
    private final SchemaRegistryClient sharedClient;
    private volatile SerdeContext context;

    /**
     * @param format       the format as users name it ("Avro"), for error messages
     * @param sharedClient a client the application shares between serdes and closes itself, or null to build one
     *                     from the config
     */
    protected RegistrySerializer(String format, SchemaRegistryClient sharedClient) {
        this.format = format;
        this.sharedClient = sharedClient;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeContext configured = SerdeContext.configure(configs, isKey, sharedClient);
        configureFormat(configured);
        context = configured;
    }

    /** Reads the format's own keys from a new context, before records are written with it. */
    protected void configureFormat(SerdeContext configured) {
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        SerdeContext serde = SerdeContext.require(context, getClass().getSimpleName());
        try {
            return write(serde, topic, value);
        } catch (IOException e) {
            throw serde.failure("serialize", format, topic, new SerializationException(e.getMessage(), e));
        } catch (RuntimeException e) {
            throw serde.failure("serialize", format, topic, e);
        }
    }

    /** The framed record of a non-null value; failures are mapped by the caller. */
    protected abstract byte[] write(SerdeContext serde, String topic, T value) throws IOException;

    @Override
    public void close() {
        SerdeContext current = context;
        if (current != null) {
            current.close();
        }
    }
}

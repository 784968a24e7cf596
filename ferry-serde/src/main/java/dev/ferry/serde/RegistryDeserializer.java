package dev.ferry.serde;

import dev.ferry.serde.client.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the format deserializers share, so that each one only decodes: the {@link SerdeContext} built by
 * {@link #configure} (on the application's shared registry client, if it passed one), null read as null, the
 * check that the deserializer was configured, the writer schema fetched by the record's id, failures as a
 * {@link SerializationException} naming the format, the side and the topic, and {@link #close()}. Thread-safe once
 * configured.
 */
public abstract class RegistryDeserializer<T> implements Deserializer<T> {

    private final String format;
    private final String unreadablePayload;
    private final SchemaRegistryClient sharedClient;
    private volatile SerdeContext context;

    /**
     * @param format            the format as users name it ("Avro"), for error messages
     * @param unreadablePayload what a payload the format cannot decode is, e.g. "not JSON"
     * @param sharedClient      a client the application shares between serdes and closes itself, or null to build
     *                          one from the config
     */
    protected RegistryDeserializer(String format, String unreadablePayload, SchemaRegistryClient sharedClient) {
        this.format = format;
        this.unreadablePayload = unreadablePayload;
        this.sharedClient = sharedClient;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeContext configured = SerdeContext.configure(configs, isKey, sharedClient);
        configureFormat(configured);
        context = configured;
    }

    /** Reads the format's own keys, before records are read with the new context. */
    protected void configureFormat(SerdeContext configured) {
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        SerdeContext serde = SerdeContext.require(context, getClass().getSimpleName());
        try {
            return read(topic, serde.reader().read(data));
        } catch (IOException e) {
            throw serde.failure("deserialize", format, topic,
                    new SerializationException("the payload is " + unreadablePayload + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw serde.failure("deserialize", format, topic, e);
        }
    }

    /** The value of a framed record whose writer schema has been fetched; failures are mapped by the caller. */
    protected abstract T read(String topic, Framed framed) throws IOException;

    @Override
    public void close() {
        SerdeContext current = context;
        if (current != null) {
            current.close();
        }
    }
}

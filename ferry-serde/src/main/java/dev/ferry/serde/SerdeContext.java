package dev.ferry.serde;

import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.client.ConfigValues;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What every format's serializer and deserializer holds once configured: the registry client (its own, built
 * from the config map, or one the application passed in and keeps ownership of), the {@link SchemaWriter} and
 * {@link SchemaReader} over it, and the config map for format-specific keys. Also the one place that turns a
 * failure into the {@link SerializationException} a Kafka client expects, naming the topic and the side.
 */
public final class SerdeContext implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final boolean ownsClient;
    private final SerdeConfig config;
    private final ConfigValues values;
    private final SchemaWriter writer;
    private final SchemaReader reader;

    private SerdeContext(SchemaRegistryClient client, boolean ownsClient, SerdeConfig config, ConfigValues values) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.config = config;
        this.values = values;
        this.writer = new SchemaWriter(client, config);
        this.reader = new SchemaReader(client);
    }

    /**
     * @param client a client to share, or null to build one from {@code configs} (closed with this context)
     */
    public static SerdeContext configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient client) {
        SerdeConfig config = SerdeConfig.from(configs, isKey);
        if (client != null) {
            return new SerdeContext(client, false, config, new ConfigValues(configs));
        }
        return new SerdeContext(SchemaRegistryClients.create(configs), true, config, new ConfigValues(configs));
    }

    public SchemaRegistryClient client() {
        return client;
    }

    public SerdeConfig config() {
        return config;
    }

    public ConfigValues values() {
        return values;
    }

    public SchemaWriter writer() {
        return writer;
    }

    public SchemaReader reader() {
        return reader;
    }

    public boolean isKey() {
        return config.isKey();
    }

    /** A failure as the {@link SerializationException} Kafka clients expect, naming the format, side and topic. */
    public SerializationException failure(String action, String format, String topic, RuntimeException cause) {
        if (cause instanceof SerializationException already && already.getMessage() != null
                && already.getMessage().contains("topic '" + topic + "'")) {
            return already;
        }
        return new SerializationException("Could not " + action + " the " + format + " " + (isKey() ? "key" : "value")
                + " of topic '" + topic + "': " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Fails when a serde is used before {@code configure}. */
    public static SerdeContext require(SerdeContext context, String serde) {
        if (context == null) {
            throw new IllegalStateException(serde + " is not configured: call configure(configs, isKey) first "
                    + "(Kafka clients do this when the class is named in the producer or consumer config).");
        }
        return context;
    }
}

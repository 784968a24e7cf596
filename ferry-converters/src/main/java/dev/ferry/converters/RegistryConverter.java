package dev.ferry.converters;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.Framed;
import dev.ferry.serde.SchemaReader;
import dev.ferry.serde.SchemaWriter;
import dev.ferry.serde.SerdeConfig;
import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.wire.WireFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/**
 * What the schema-registry converters (Avro, Protobuf, JSON Schema) share, so that each format only supplies its
 * mapping: the registry client and the serde's {@link SchemaWriter}/{@link SchemaReader} built from the config,
 * {@code config()} with the registry and serde keys of {@link RegistryConverterConfig}, null as a tombstone both
 * ways, the writer schema's version under the topic's subject (asked once per topic and id), and the mapping of
 * failures to {@code DataException}/{@code RetriableException}. Public only because the formats live in their own
 * packages; it is not meant to be extended elsewhere. Thread-safe once configured.
 */
public abstract class RegistryConverter implements Converter, Versioned {

    private final String format;
    private final ConverterErrors errors;
    private final SchemaRegistryClient sharedClient;
    private SchemaRegistryClient client;
    private SchemaWriter writer;
    private SchemaReader reader;
    /** Writer schema versions by topic and id; -1 when the schema is not registered under the topic's subject. */
    private final Map<TopicAndId, Integer> versions = new ConcurrentHashMap<>();

    /**
     * @param format       the format as users name it ("Avro"), for error messages
     * @param framing      what follows the schema id on the wire, for the message about unframed bytes
     * @param sharedClient a registry client the caller owns (not closed by {@link #close()}), or null to create
     *                     one from the config
     */
    protected RegistryConverter(String format, String framing, SchemaRegistryClient sharedClient) {
        this.format = format;
        this.errors = new ConverterErrors(format, framing);
        this.sharedClient = sharedClient;
    }

    @Override
    public final String version() {
        return ConverterVersion.VERSION;
    }

    /** The format's own keys plus the registry client's and the serde's. */
    @Override
    public final ConfigDef config() {
        return RegistryConverterConfig.addTo(formatConfig());
    }

    /** A new definition of the format's own keys (the shared keys are added to it). */
    protected abstract ConfigDef formatConfig();

    /**
     * @throws org.apache.kafka.common.config.ConfigException when {@code schema.registry.url} is missing or a key
     *                                                        has a value of the wrong type
     */
    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {
        configureFormat(configs);
        SerdeConfig serdeConfig = SerdeConfig.from(configs, isKey);
        client = sharedClient != null ? sharedClient : SchemaRegistryClients.create(configs);
        writer = new SchemaWriter(client, serdeConfig);
        reader = new SchemaReader(client);
    }

    /** Reads the format's own keys. */
    protected abstract void configureFormat(Map<String, ?> configs);

    @Override
    public final byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return write(topic, schema, value);
        } catch (RuntimeException e) {
            throw errors.onWrite(topic, e);
        }
    }

    /** The framed record of a non-null value; failures are mapped by the caller. */
    protected abstract byte[] write(String topic, Schema schema, Object value);

    @Override
    public final SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        Integer id = null;
        try {
            id = WireFormat.schemaId(value);
            return read(topic, id, reader.read(value));
        } catch (RuntimeException e) {
            throw errors.onRead(topic, id, e);
        }
    }

    /** The Connect data of a framed record whose writer schema has been fetched; failures are mapped by the caller. */
    protected abstract SchemaAndValue read(String topic, int id, Framed framed);

    /**
     * The value's Connect schema, which a format whose schema is derived from it needs.
     *
     * @throws DataException saying which converters can carry schemaless values instead
     */
    protected final Schema requireSchema(Schema schema) {
        if (schema == null) {
            throw new DataException("the value has no Connect schema, which " + format + " needs. Use a schema-aware "
                    + "source or SMT, or a schemaless converter such as JsonConverter with schemas.enable=false.");
        }
        return schema;
    }

    /**
     * The registry's schema as this format's type.
     *
     * @throws DataException when schema id {@code id} is of another format: the topic is read with the wrong converter
     */
    protected final <S extends ParsedSchema> S schemaOf(Class<S> type, ParsedSchema schema, int id) {
        if (type.isInstance(schema)) {
            return type.cast(schema);
        }
        throw new DataException("schema id " + id + " is a " + schema.type() + " schema, not " + format + ". Read this "
                + "topic with the converter of its format (AvroConverter, ProtobufConverter or JsonSchemaConverter).");
    }

    protected final SchemaRegistryClient client() {
        return client;
    }

    protected final SchemaWriter writer() {
        return writer;
    }

    /**
     * The writer schema's version under the topic's subject, which Confluent's converters give the Connect schema;
     * asked once per topic and id. A schema not registered under that subject (written with another subject name
     * strategy, say) reads without a version (null) instead of failing.
     */
    protected final Integer versionOf(String topic, int id, ParsedSchema schema) {
        TopicAndId key = new TopicAndId(topic, id);
        Integer known = versions.get(key);
        if (known == null) {
            try {
                known = client.lookup(writer.config().subject(topic, schema), schema, false).version();
            } catch (RegistryUnreachableException e) {
                throw e;
            } catch (RuntimeException e) {
                known = -1;
            }
            versions.put(key, known);
        }
        return known < 0 ? null : known;
    }

    @Override
    public void close() {
        if (client != null && sharedClient == null) {
            client.close();
        }
    }

    private record TopicAndId(String topic, int id) {
    }
}

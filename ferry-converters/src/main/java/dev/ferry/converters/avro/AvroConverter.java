package dev.ferry.converters.avro;

import dev.ferry.converters.RegistryConverterConfig;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.avro.AvroSchema;
import dev.ferry.serde.Framed;
import dev.ferry.serde.SchemaReader;
import dev.ferry.serde.SchemaWriter;
import dev.ferry.serde.SerdeConfig;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.RegistryUnreachableException;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.wire.WireFormat;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Connect converter for Avro in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro binary),
 * the stand-in for {@code io.confluent.connect.avro.AvroConverter}: same config keys, same Connect&lt;-&gt;Avro
 * mapping ({@link AvroData}), same registry subjects, so data and schemas move freely between the two.
 *
 * <p>Writing converts the Connect schema to Avro (cached), registers or looks it up per the serde keys
 * ({@code auto.register.schemas}, {@code use.latest.version}, subject name strategies; the decision is cached per
 * topic and schema, so the registry is asked once per new schema) and frames the Avro binary. Reading fetches the
 * writer schema by id (cached per id) and gives the Connect schema the writer schema's version under the topic's
 * subject, as Confluent's converter does; with {@code use.latest.version} records are read as the subject's latest
 * schema. A null value is a tombstone both ways.
 *
 * <p>Errors: bytes that are not framed, an unknown schema id or data that does not fit its schema raise
 * {@link DataException}; an unreachable registry raises {@link org.apache.kafka.connect.errors.RetriableException}
 * naming the URLs tried. Thread-safe once configured.
 */
public final class AvroConverter implements Converter, Versioned {

    static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";

    private final SchemaRegistryClient sharedClient;
    private SchemaRegistryClient client;
    private AvroData data;
    private SchemaWriter writer;
    private SchemaReader reader;
    private AvroPayloads payloads;
    private BoundedCache<org.apache.avro.Schema, AvroSchema> registrySchemas;
    /** Writer schema versions by topic and id; -1 when the schema is not registered under the topic's subject. */
    private final Map<TopicAndId, Integer> versions = new ConcurrentHashMap<>();

    public AvroConverter() {
        this(null);
    }

    /** With a registry client the caller owns (not closed by {@link #close()}). */
    AvroConverter(SchemaRegistryClient client) {
        this.sharedClient = client;
    }

    @Override
    public String version() {
        return AvroConverterVersion.VERSION;
    }

    /**
     * The keys this converter reads: the registry client's and the serde's (shared by all schema-registry
     * converters), the Connect&lt;-&gt;Avro mapping's ({@link AvroDataConfig}) and
     * {@code avro.use.logical.type.converters}, which is accepted for compatibility and changes nothing here
     * (Connect values of logical types are converted by the mapping itself).
     */
    @Override
    public ConfigDef config() {
        ConfigDef definition = RegistryConverterConfig.addTo(AvroDataConfig.configDef());
        return definition.define(USE_LOGICAL_TYPE_CONVERTERS, Type.BOOLEAN, false, Importance.LOW,
                "Accepted for compatibility with Confluent's serializer config; the converter maps logical types "
                        + "itself, so it has no effect here.");
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException when {@code schema.registry.url} is missing or a key
     *                                                        has a value of the wrong type
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroDataConfig dataConfig = AvroDataConfig.from(configs);
        SerdeConfig serdeConfig = SerdeConfig.from(configs, isKey);
        this.client = sharedClient != null ? sharedClient : SchemaRegistryClients.create(configs);
        this.data = new AvroData(dataConfig);
        this.writer = new SchemaWriter(client, serdeConfig);
        this.reader = new SchemaReader(client);
        this.payloads = new AvroPayloads(dataConfig.schemaCacheSize());
        this.registrySchemas = new BoundedCache<>(dataConfig.schemaCacheSize());
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        try {
            org.apache.avro.Schema avroSchema = data.fromConnectSchema(schema);
            AvroSchema own = registrySchema(avroSchema);
            WriterSchema target = writer.resolve(topic, own);
            // With use.latest.version or use.schema.id the record is written with the registry's schema: its
            // fields are filled by name (a field it lacks is left out, one the record lacks takes its default).
            org.apache.avro.Schema writerSchema = target.schema() == own
                    ? avroSchema : avro(target.schema(), target.id()).avroSchema();
            Object datum = data.fromConnectData(schema, writerSchema, value);
            return WireFormat.frame(target.id(), payloads.encode(writerSchema, datum));
        } catch (RuntimeException e) {
            throw AvroConverterErrors.onWrite(topic, e);
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        Integer id = null;
        try {
            id = WireFormat.schemaId(value);
            Framed framed = reader.read(value);
            AvroSchema writerSchema = avro(framed.schema(), id);
            org.apache.avro.Schema readerSchema = readerSchema(topic, writerSchema);
            Object datum = payloads.decode(writerSchema.avroSchema(), readerSchema, framed.bytes(),
                    framed.payloadOffset(), framed.payloadLength());
            Integer version = versionOf(topic, id, writerSchema);
            if (datum == null) {
                // A null inside a top-level union: there is a schema, but no value.
                return new SchemaAndValue(data.toConnectSchema(readerSchema), null);
            }
            return data.toConnectData(readerSchema, datum, version);
        } catch (RuntimeException e) {
            throw AvroConverterErrors.onRead(topic, id, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        if (client != null && sharedClient == null) {
            client.close();
        }
    }

    /**
     * The schema records are read as: the writer schema, or with {@code use.latest.version} the subject's latest
     * schema (Avro resolves the writer's data into it), as Confluent's deserializer does. The latest version is
     * cached by the registry client per {@code latest.cache.ttl.sec}.
     */
    private org.apache.avro.Schema readerSchema(String topic, AvroSchema writerSchema) {
        if (!writer.config().useLatestVersion()) {
            return writerSchema.avroSchema();
        }
        RegisteredSchema latest = client.latest(writer.config().subject(topic, writerSchema));
        return avro(latest.schema(), latest.id()).avroSchema();
    }

    /** The registry's form of a converted schema, parsed once per schema so the writer's cache hits by identity. */
    private AvroSchema registrySchema(org.apache.avro.Schema avroSchema) {
        AvroSchema parsed = registrySchemas.get(avroSchema);
        if (parsed == null) {
            parsed = AvroSchema.of(avroSchema);
            registrySchemas.put(avroSchema, parsed);
        }
        return parsed;
    }

    private static AvroSchema avro(ParsedSchema schema, int id) {
        if (schema instanceof AvroSchema avro) {
            return avro;
        }
        throw new DataException("schema id " + id + " is a " + schema.type() + " schema, not Avro. Read this topic "
                + "with the converter of its format (ProtobufConverter or JsonSchemaConverter).");
    }

    /**
     * The writer schema's version under the topic's subject, which Confluent's converter gives the Connect schema
     * (unless the schema carries connect.version); asked once per topic and id. A schema not registered under
     * that subject (written with another subject name strategy, say) reads without a version instead of failing.
     */
    private Integer versionOf(String topic, int id, AvroSchema schema) {
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

    private record TopicAndId(String topic, int id) {
    }
}

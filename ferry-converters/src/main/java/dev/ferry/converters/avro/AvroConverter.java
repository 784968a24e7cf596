package dev.ferry.converters.avro;

import dev.ferry.converters.BoundedCache;
import dev.ferry.converters.RegistryConverter;
import dev.ferry.schema.avro.AvroSchema;
import dev.ferry.serde.Framed;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;

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
public final class AvroConverter extends RegistryConverter {

    static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";

    private AvroData data;
    private AvroPayloads payloads;
    private BoundedCache<org.apache.avro.Schema, AvroSchema> registrySchemas;

    public AvroConverter() {
        this(null);
    }

    /** With a registry client the caller owns (not closed by {@link #close()}). */
    AvroConverter(SchemaRegistryClient client) {
        super("Avro", "Avro payload", client);
    }

    /**
     * The keys of the Connect&lt;-&gt;Avro mapping ({@link AvroDataConfig}) and
     * {@code avro.use.logical.type.converters}, which is accepted for compatibility and changes nothing here
     * (Connect values of logical types are converted by the mapping itself).
     */
    @Override
    protected ConfigDef formatConfig() {
        return AvroDataConfig.configDef().define(USE_LOGICAL_TYPE_CONVERTERS, Type.BOOLEAN, false, Importance.LOW,
                "Accepted for compatibility with Confluent's serializer config; the converter maps logical types "
                        + "itself, so it has no effect here.");
    }

    @Override
    protected void configureFormat(Map<String, ?> configs) {
        AvroDataConfig dataConfig = AvroDataConfig.from(configs);
        this.data = new AvroData(dataConfig);
        this.payloads = new AvroPayloads(dataConfig.schemaCacheSize());
        this.registrySchemas = new BoundedCache<>(dataConfig.schemaCacheSize());
    }

    @Override
    protected byte[] write(String topic, Schema schema, Object value) {
        org.apache.avro.Schema avroSchema = data.fromConnectSchema(schema);
        AvroSchema own = registrySchema(avroSchema);
        WriterSchema target = writer().resolve(topic, own);
        // With use.latest.version or use.schema.id the record is written with the registry's schema: its
        // fields are filled by name (a field it lacks is left out, one the record lacks takes its default).
        org.apache.avro.Schema writerSchema = target.schema() == own
                ? avroSchema : schemaOf(AvroSchema.class, target.schema(), target.id()).avroSchema();
        Object datum = data.fromConnectData(schema, writerSchema, value);
        return WireFormat.frame(target.id(), payloads.encode(writerSchema, datum));
    }

    @Override
    protected SchemaAndValue read(String topic, int id, Framed framed) {
        AvroSchema writerSchema = schemaOf(AvroSchema.class, framed.schema(), id);
        org.apache.avro.Schema readerSchema = readerSchema(topic, writerSchema);
        Object datum = payloads.decode(writerSchema.avroSchema(), readerSchema, framed.bytes(),
                framed.payloadOffset(), framed.payloadLength());
        Integer version = versionOf(topic, id, writerSchema);
        if (datum == null) {
            // A null inside a top-level union: there is a schema, but no value.
            return new SchemaAndValue(data.toConnectSchema(readerSchema), null);
        }
        return data.toConnectData(readerSchema, datum, version);
    }

    /**
     * The schema records are read as: the writer schema, or with {@code use.latest.version} the subject's latest
     * schema (Avro resolves the writer's data into it), as Confluent's deserializer does. The latest version is
     * cached by the registry client per {@code latest.cache.ttl.sec}.
     */
    private org.apache.avro.Schema readerSchema(String topic, AvroSchema writerSchema) {
        if (!writer().config().useLatestVersion()) {
            return writerSchema.avroSchema();
        }
        RegisteredSchema latest = client().latest(writer().config().subject(topic, writerSchema));
        return schemaOf(AvroSchema.class, latest.schema(), latest.id()).avroSchema();
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

}

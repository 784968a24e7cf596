package dev.ferry.converters.avro;

import dev.ferry.converters.BoundedCache;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Converts Connect schemas and values to Avro and back with Confluent's AvroData mapping, so that Avro written
 * through Ferry's converter reads back the same through Confluent's and the other way round. The conversions
 * themselves live in one class per direction and kind ({@code ConnectSchemaToAvro}, {@code AvroSchemaToConnect},
 * {@code ConnectValueToAvro}, {@code AvroValueToConnect}); this class wires them to a configuration and caches
 * converted schemas ({@code schemas.cache.config} entries per direction).
 *
 * <p>Thread-safe. Avro values are those of Avro's generic API without logical-type conversions: records are
 * {@code GenericRecord}, decimals unscaled bytes, dates days since the epoch.
 */
public final class AvroData {

    private final ConnectSchemaToAvro toAvroSchema;
    private final ConnectValueToAvro toAvroValue;
    private final AvroSchemaToConnect toConnectSchema;
    private final AvroValueToConnect toConnectValue;
    private final BoundedCache<Schema, org.apache.avro.Schema> avroSchemas;
    private final BoundedCache<VersionedSchema, Schema> connectSchemas;
    /** The last conversion, by identity: a task writes many records of one schema object in a row. */
    private volatile Converted lastConverted = new Converted(null, null);

    public AvroData(AvroDataConfig config) {
        AvroNames names = new AvroNames(config.scrubInvalidNames());
        ConnectShapes shapes = new ConnectShapes(config, names);
        this.toAvroSchema = new ConnectSchemaToAvro(config, names, new ConnectDefaults(config, names));
        this.toAvroValue = new ConnectValueToAvro(config, names, shapes);
        this.toConnectSchema = new AvroSchemaToConnect(config, shapes, this::toConnectSchema);
        this.toConnectValue = new AvroValueToConnect(shapes, names, toConnectSchema);
        this.toConnectSchema.defaults(new AvroDefaults(shapes, toConnectValue));
        this.avroSchemas = new BoundedCache<>(config.schemaCacheSize());
        this.connectSchemas = new BoundedCache<>(config.schemaCacheSize());
    }

    /** The Avro schema of a Connect schema; {@code null} (schemaless) gives Confluent's {@code Anything} record. */
    public org.apache.avro.Schema fromConnectSchema(Schema schema) {
        Converted last = lastConverted;
        if (schema != null && last.connect == schema) {
            return last.avro;
        }
        if (schema == null) {
            return AnythingSchema.SCHEMA;
        }
        org.apache.avro.Schema avro = avroSchemas.get(schema);
        if (avro == null) {
            avro = toAvroSchema.convert(schema);
            avroSchemas.put(schema, avro);
        }
        lastConverted = new Converted(schema, avro);
        return avro;
    }

    /** The Avro datum of a Connect value, with the schema {@link #fromConnectSchema} gives. */
    public Object fromConnectData(Schema schema, Object value) {
        return fromConnectData(schema, fromConnectSchema(schema), value);
    }

    /**
     * The Avro datum of a Connect value whose schema converted to {@code avroSchema}.
     *
     * @throws org.apache.kafka.connect.errors.DataException when the value does not fit the schema
     */
    public Object fromConnectData(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
        return toAvroValue.toAvro(schema, avroSchema, value);
    }

    /** The Connect schema of an Avro schema. */
    public Schema toConnectSchema(org.apache.avro.Schema avroSchema) {
        return toConnectSchema(avroSchema, null, new ToConnectContext());
    }

    /** The Connect schema and value of an Avro datum; null for a null datum (as Confluent's converter). */
    public SchemaAndValue toConnectData(org.apache.avro.Schema avroSchema, Object value) {
        return toConnectData(avroSchema, value, null);
    }

    /**
     * The Connect schema and value of an Avro datum.
     *
     * @param version the schema's version in the registry, which becomes the Connect schema version unless the
     *                schema carries a {@code connect.version}; may be null
     */
    public SchemaAndValue toConnectData(org.apache.avro.Schema avroSchema, Object value, Integer version) {
        if (value == null) {
            return null;
        }
        ToConnectContext context = new ToConnectContext();
        Schema schema = avroSchema.equals(AnythingSchema.SCHEMA) ? null : toConnectSchema(avroSchema, version, context);
        return new SchemaAndValue(schema, toConnectValue.toConnect(schema, value, context));
    }

    private Schema toConnectSchema(org.apache.avro.Schema avroSchema, Integer version, ToConnectContext context) {
        VersionedSchema key = new VersionedSchema(avroSchema, version);
        Schema cached = connectSchemas.get(key);
        if (cached == null) {
            cached = toConnectSchema.convert(avroSchema, version, context);
            connectSchemas.put(key, cached);
        } else if (avroSchema.getType() == org.apache.avro.Schema.Type.RECORD) {
            // Union branches inside the value are matched against the records of this conversion.
            context.cached(avroSchema, cached);
        }
        return cached;
    }

    /** How many schemas each direction holds converted (for tests of the cache bound). */
    int cachedSchemas() {
        return Math.max(avroSchemas.size(), connectSchemas.size());
    }

    private record VersionedSchema(org.apache.avro.Schema schema, Integer version) {
    }

    private record Converted(Schema connect, org.apache.avro.Schema avro) {
    }
}

package dev.ferry.serde.avro;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.RegistrySerializer;
import dev.ferry.serde.SerdeContext;
import dev.ferry.serde.WriterSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes Avro values in Confluent's wire format, a drop-in for {@code io.confluent.kafka.serializers.KafkaAvroSerializer}
 * with the same config keys: {@code GenericRecord}s, {@code SpecificRecord}s, enum symbols and fixed values, and
 * Java primitives (Boolean, Integer, Long, Float, Double, String, byte[]/ByteBuffer) as Avro primitives. The
 * schema is registered or looked up per {@link dev.ferry.serde.SchemaWriter}; null is written as null (a tombstone).
 * Thread-safe once configured.
 */
public class KafkaAvroSerializer extends RegistrySerializer<Object> {

    private final AvroSchemas schemas = new AvroSchemas();
    /** Past this many schemas the writers are dropped and rebuilt: an application could make schemas without end. */
    private static final int MAX_CACHED_WRITERS = 1000;

    /** Datum writers by schema: building one per record would cost more than the encoding. */
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private GenericData genericData = GenericData.get();
    private SpecificData specificData = SpecificData.get();

    public KafkaAvroSerializer() {
        this(null);
    }

    /** A serializer on a client the application shares between serdes and closes itself. */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        super("Avro", client);
    }

    /** A configured serializer (as after {@link #configure}). */
    public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    protected void configureFormat(SerdeContext configured) {
        boolean logicalTypes = configured.values().bool(AvroData.USE_LOGICAL_TYPE_CONVERTERS, false);
        genericData = AvroData.generic(logicalTypes);
        specificData = AvroData.specific(Thread.currentThread().getContextClassLoader(), logicalTypes);
        genericWriters.clear();
        specificWriters.clear();
    }

    @Override
    protected byte[] write(SerdeContext serde, String topic, Object value) {
        ParsedSchema schema = schemas.parsed(AvroSchemas.schemaOf(value));
        WriterSchema writerSchema = serde.writer().resolve(topic, schema);
        return WireFormat.frame(writerSchema.id(), encode(value, (Schema) writerSchema.schema().raw()));
    }

    private byte[] encode(Object value, Schema schema) {
        // A top-level bytes schema carries its bytes as they are, without Avro's length prefix: Confluent's
        // serializers write it so, and its deserializers read it so.
        if (schema.getType() == Schema.Type.BYTES && value instanceof byte[] bytes) {
            return bytes;
        }
        if (schema.getType() == Schema.Type.BYTES && value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
        try {
            writerFor(value, schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Avro could not encode the " + value.getClass().getName()
                    + " with schema " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writerFor(Object value, Schema schema) {
        if (genericWriters.size() + specificWriters.size() > MAX_CACHED_WRITERS) {
            genericWriters.clear();
            specificWriters.clear();
        }
        if (value instanceof SpecificRecord) {
            return specificWriters.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, specificData));
        }
        return genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, genericData));
    }
}

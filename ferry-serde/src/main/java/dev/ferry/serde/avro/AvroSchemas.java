package dev.ferry.serde.avro;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.avro.AvroSchema;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro schema of a value an application serializes (a record's own schema, or the primitive schema of a Java
 * primitive, as Confluent's serializer maps them), and its {@link ParsedSchema}, parsed once per schema.
 */
final class AvroSchemas {

    private static final Schema NULL = Schema.create(Schema.Type.NULL);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    /** Parsed schemas by Avro schema; bounded because an application could generate schemas without end. */
    private static final int MAX_CACHED = 1000;

    private final Map<Schema, ParsedSchema> parsed = new ConcurrentHashMap<>();

    static Schema schemaOf(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        throw new SerializationException("Cannot serialize a " + value.getClass().getName() + " as Avro: pass a "
                + "GenericRecord, a SpecificRecord, an enum symbol or fixed (GenericContainer), or a Boolean, Integer, "
                + "Long, Float, Double, String, byte[] or ByteBuffer.");
    }

    ParsedSchema parsed(Schema schema) {
        ParsedSchema cached = parsed.get(schema);
        if (cached != null) {
            return cached;
        }
        ParsedSchema fresh = AvroSchema.of(schema);
        if (parsed.size() >= MAX_CACHED) {
            parsed.clear();
        }
        parsed.put(schema, fresh);
        return fresh;
    }
}

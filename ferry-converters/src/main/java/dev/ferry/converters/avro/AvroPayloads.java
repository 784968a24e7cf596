package dev.ferry.converters.avro;

import dev.ferry.converters.BoundedCache;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.errors.DataException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Avro's binary encoding of generic data, without logical-type conversions (the Connect mapping already gives
 * decimals as bytes and dates as ints). One exception, Confluent's: a value whose schema is plain {@code bytes}
 * (a top-level BYTES or Decimal) is the raw bytes, without Avro's length prefix. Datum writers and readers are
 * built once per schema: building one walks the schema, which would otherwise be paid per record. Thread-safe.
 */
final class AvroPayloads {

    private final BoundedCache<org.apache.avro.Schema, GenericDatumWriter<Object>> writers;
    private final BoundedCache<ReaderKey, GenericDatumReader<Object>> readers;

    AvroPayloads(int cacheSize) {
        this.writers = new BoundedCache<>(cacheSize);
        this.readers = new BoundedCache<>(cacheSize);
    }

    byte[] encode(org.apache.avro.Schema schema, Object datum) {
        if (schema.getType() == org.apache.avro.Schema.Type.BYTES) {
            return rawBytes(datum);
        }
        GenericDatumWriter<Object> writer = writers.get(schema);
        if (writer == null) {
            writer = new GenericDatumWriter<>(schema, GenericData.get());
            writers.put(schema, writer);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new DataException("Avro could not encode the value with schema " + schema.getFullName() + ": "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static byte[] rawBytes(Object datum) {
        if (datum instanceof byte[] bytes) {
            return bytes;
        }
        if (datum instanceof ByteBuffer buffer) {
            return ConnectLogicalTypes.bytesOf(buffer);
        }
        throw new DataException("A bytes schema needs a byte[] or ByteBuffer value, not "
                + (datum == null ? "null" : datum.getClass().getName()));
    }

    Object decode(org.apache.avro.Schema writerSchema, byte[] bytes, int offset, int length) {
        return decode(writerSchema, writerSchema, bytes, offset, length);
    }

    /** Reads data written with {@code writerSchema} as {@code readerSchema} (Avro's schema resolution). */
    Object decode(org.apache.avro.Schema writerSchema, org.apache.avro.Schema readerSchema, byte[] bytes, int offset,
                  int length) {
        if (writerSchema.getType() == org.apache.avro.Schema.Type.BYTES) {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }
        ReaderKey key = new ReaderKey(writerSchema, readerSchema);
        GenericDatumReader<Object> reader = readers.get(key);
        if (reader == null) {
            reader = new GenericDatumReader<>(writerSchema, readerSchema, GenericData.get());
            readers.put(key, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DataException("the payload is not valid Avro of its writer schema " + writerSchema.getFullName()
                    + " (" + e + "). Was it written with another schema than its id names?", e);
        }
    }

    private record ReaderKey(org.apache.avro.Schema writer, org.apache.avro.Schema reader) {
    }
}

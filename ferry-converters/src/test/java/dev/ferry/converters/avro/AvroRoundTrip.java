package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

import java.util.Map;

/**
 * Takes a Connect value the whole way a record takes: Connect to Avro with one {@link AvroData}, Avro binary, the
 * schema as text (as the registry hands it to a reader), Avro binary back, and Connect again with a fresh
 * {@link AvroData}, so no cache can hide a lossy step.
 */
final class AvroRoundTrip {

    private final Map<String, ?> config;

    AvroRoundTrip(Map<String, ?> config) {
        this.config = config;
    }

    AvroRoundTrip() {
        this(Map.of());
    }

    SchemaAndValue roundTrip(Schema schema, Object value) {
        AvroData writer = new AvroData(AvroDataConfig.from(config));
        org.apache.avro.Schema avroSchema = writer.fromConnectSchema(schema);
        byte[] payload = new AvroPayloads(10).encode(avroSchema, writer.fromConnectData(schema, avroSchema, value));
        org.apache.avro.Schema registered = new org.apache.avro.Schema.Parser().parse(avroSchema.toString());
        Object datum = new AvroPayloads(10).decode(registered, payload, 0, payload.length);
        return new AvroData(AvroDataConfig.from(config)).toConnectData(registered, datum);
    }
}

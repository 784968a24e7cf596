package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts {@code Double} values to and from the bytes of Kafka's {@code DoubleSerializer}, as key, value or
 * header converter; reads yield an optional FLOAT64 schema. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.DoubleConverter}, whose class name stays usable as an alias.
 */
public class DoubleConverter extends PrimitiveConverter<Double> {

    public DoubleConverter() {
        super("double", Double.class, Schema.OPTIONAL_FLOAT64_SCHEMA, new DoubleSerializer(), new DoubleDeserializer());
    }
}

package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.FloatDeserializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts {@code Float} values to and from the bytes of Kafka's {@code FloatSerializer}, as key, value or
 * header converter; reads yield an optional FLOAT32 schema. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.FloatConverter}, whose class name stays usable as an alias.
 */
public class FloatConverter extends PrimitiveConverter<Float> {

    public FloatConverter() {
        super("float", Float.class, Schema.OPTIONAL_FLOAT32_SCHEMA, new FloatSerializer(), new FloatDeserializer());
    }
}

package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts {@code Integer} values to and from the bytes of Kafka's {@code IntegerSerializer}, as key, value or
 * header converter; reads yield an optional INT32 schema. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.IntegerConverter}, whose class name stays usable as an alias.
 */
public class IntegerConverter extends PrimitiveConverter<Integer> {

    public IntegerConverter() {
        super("integer", Integer.class, Schema.OPTIONAL_INT32_SCHEMA, new IntegerSerializer(), new IntegerDeserializer());
    }
}

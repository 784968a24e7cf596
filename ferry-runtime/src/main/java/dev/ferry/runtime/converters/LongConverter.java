package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts {@code Long} values to and from the bytes of Kafka's {@code LongSerializer}, as key, value or
 * header converter; reads yield an optional INT64 schema. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.LongConverter}, whose class name stays usable as an alias.
 */
public class LongConverter extends PrimitiveConverter<Long> {

    public LongConverter() {
        super("long", Long.class, Schema.OPTIONAL_INT64_SCHEMA, new LongSerializer(), new LongDeserializer());
    }
}

package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.connect.data.Schema;

/**
 * Converts {@code Short} values to and from the bytes of Kafka's {@code ShortSerializer}, as key, value or
 * header converter; reads yield an optional INT16 schema. Replaces Apache's
 * {@code org.apache.kafka.connect.converters.ShortConverter}, whose class name stays usable as an alias.
 */
public class ShortConverter extends PrimitiveConverter<Short> {

    public ShortConverter() {
        super("short", Short.class, Schema.OPTIONAL_INT16_SCHEMA, new ShortSerializer(), new ShortDeserializer());
    }
}

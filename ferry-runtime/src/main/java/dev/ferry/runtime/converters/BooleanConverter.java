package dev.ferry.runtime.converters;

import org.apache.kafka.common.serialization.BooleanDeserializer;
import org.apache.kafka.common.serialization.BooleanSerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts {@code Boolean} values to and from one byte (1 for true, 0 for false), as key, value or header
 * converter; reads yield an optional BOOLEAN schema, and writes refuse a schema of any other type. Replaces
 * Apache's {@code org.apache.kafka.connect.converters.BooleanConverter}, whose class name stays usable as an
 * alias.
 */
public class BooleanConverter extends PrimitiveConverter<Boolean> {

    public BooleanConverter() {
        super("boolean", Boolean.class, Schema.OPTIONAL_BOOLEAN_SCHEMA, new BooleanSerializer(), new BooleanDeserializer());
    }

    @Override
    void checkSchema(Schema schema) {
        if (schema != null && schema.type() != Schema.Type.BOOLEAN) {
            throw new DataException("BooleanConverter can only write BOOLEAN data, but the schema is "
                    + schema.type() + ". Use a converter that matches the data.");
        }
    }
}

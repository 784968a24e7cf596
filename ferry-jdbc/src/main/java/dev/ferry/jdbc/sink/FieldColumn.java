package dev.ferry.jdbc.sink;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One column a record writes: its name, the Connect schema of its values, whether it is part of the primary key,
 * and where in the record its value is ({@link Source}).
 */
record FieldColumn(String name, Schema schema, boolean key, Source source, Field field) {

    /** Where a column's value comes from. */
    enum Source { TOPIC, PARTITION, OFFSET, WHOLE_KEY, KEY_FIELD, VALUE_FIELD, WHOLE_VALUE }

    /** Whether a row may leave it NULL: key columns never, others when the schema is optional. */
    boolean optional() {
        return !key && schema.isOptional();
    }

    /** The column's value in {@code record}; {@code replaceNullWithDefault} as {@code replace.null.with.default}. */
    Object value(SinkRecord record, boolean replaceNullWithDefault) {
        return switch (source) {
            case TOPIC -> record.topic();
            case PARTITION -> record.kafkaPartition();
            case OFFSET -> record.kafkaOffset();
            case WHOLE_KEY -> record.key();
            case KEY_FIELD -> ((Struct) record.key()).get(field);
            case WHOLE_VALUE -> record.value();
            case VALUE_FIELD -> replaceNullWithDefault ? ((Struct) record.value()).get(field)
                    : ((Struct) record.value()).getWithoutDefault(field.name());
        };
    }
}

package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;

/**
 * The writer for each record column: the dialect's registry by the column's schema, except for value fields
 * {@code timestamp.fields.list} names, whose INT64 or STRING epoch counts become timestamps.
 */
final class FieldWriters {
    final ColumnWriters registry;
    private final Set<String> timestampFields;
    private final ColumnWriter epochInstant;

    FieldWriters(ColumnWriters registry, Set<String> timestampFields, ChronoUnit timestampUnit) {
        this.registry = registry;
        this.timestampFields = timestampFields;
        this.epochInstant = registry.epochInstant(timestampUnit);
    }

    /**
     * @throws UnmappableTypeException naming the field, if the database has no column type for it
     */
    ColumnWriter of(FieldColumn column) {
        Schema.Type type = column.schema().type();
        if (column.source() == FieldColumn.Source.VALUE_FIELD && timestampFields.contains(column.name())
                && (type == Schema.Type.INT64 || type == Schema.Type.STRING)) {
            return epochInstant;
        }
        try {
            return registry.writerFor(column.schema());
        } catch (UnmappableTypeException e) {
            throw new UnmappableTypeException("field '" + column.name() + "': " + e.getMessage());
        }
    }
}

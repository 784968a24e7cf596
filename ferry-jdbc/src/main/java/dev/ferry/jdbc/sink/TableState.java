package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.dialect.TableId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table as the database described it when last read: its exact name, its type ({@code TABLE}, {@code VIEW}, ...)
 * and its columns. Record fields find their column as Confluent's sink does: by exact name, else by the only name
 * that differs in case (PostgreSQL folds unquoted names to lower case, so a table created without quotes has
 * {@code id} for a field {@code ID}); the SQL then uses the column's own spelling.
 */
record TableState(TableId id, String type, Map<String, ColumnInfo> columns) {

    /** The column for a field, or null if the table has none. */
    ColumnInfo column(String field) {
        ColumnInfo exact = columns.get(field);
        if (exact != null) {
            return exact;
        }
        List<ColumnInfo> folded = columns.values().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))).toList();
        return folded.size() == 1 ? folded.get(0) : null;
    }
}

package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as a Connect value of {@link #schema()}; null for SQL NULL. */
public interface ColumnReader {

    Schema schema();

    Object read(ResultSet row) throws SQLException;

    /** How one value is read from a result column; the caller turns a SQL NULL into null. */
    @FunctionalInterface
    interface Getter {
        Object get(ResultSet row, int index) throws SQLException;
    }

    /** A reader of {@code getter}'s value, or null where the row's column was NULL. */
    static ColumnReader of(Schema schema, int index, Getter getter) {
        return new ColumnReader() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public Object read(ResultSet row) throws SQLException {
                Object value = getter.get(row, index);
                return value == null || row.wasNull() ? null : value;
            }
        };
    }
}

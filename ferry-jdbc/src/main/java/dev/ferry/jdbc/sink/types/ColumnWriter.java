package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Schema;

/**
 * How values of one Connect type go into one kind of column: the column type {@code CREATE TABLE} and
 * {@code ALTER TABLE ... ADD} declare for it, the parameter marker DML uses, and how a value is bound. One small
 * implementation per type; a {@link ColumnWriters} registry per dialect picks them by the field's schema.
 *
 * <p>Implementations are stateless apart from the time zones they were made with, and shared by a task's threads.
 */
public interface ColumnWriter {

    /**
     * The column type to declare for a field of {@code schema}; {@code key} when the column is part of the primary
     * key (MySQL cannot index {@code TEXT} without a length, so key columns may need another type).
     *
     * @throws UnmappableTypeException if this database has no column type for the schema's values
     */
    String columnType(Schema schema, boolean key);

    /**
     * The parameter marker for a value of this type in {@code column} (null while the table is being created):
     * {@code ?}, or for instance {@code ?::jsonb} where the database will not convert a string parameter by itself.
     */
    default String placeholder(ColumnInfo column) {
        return "?";
    }

    /** Binds a non-null value of {@code schema} to parameter {@code index}; {@code column} is where it goes. */
    void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException;

    /** The {@link java.sql.Types} constant to bind a null with. */
    int nullType();

    /**
     * A {@code DEFAULT} for DDL from the schema's default value, as SQL text; null to declare none (a type whose
     * values have no portable literal).
     */
    default String literal(Schema schema, Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        return null;
    }
}

package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code BOOLEAN} -> BOOLEAN. */
final class BooleanType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.BOOLEAN) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.BOOLEAN, column.optional()), column.index(),
                (row, i) -> row.getBoolean(i));
    }
}

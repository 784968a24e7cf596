package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code REAL} (single precision) -> FLOAT32. */
final class RealType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.REAL) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.FLOAT32, column.optional()), column.index(),
                (row, i) -> row.getFloat(i));
    }
}

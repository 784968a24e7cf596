package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code INTEGER} -> INT32; unsigned -> INT64. */
final class IntegerType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.INTEGER) {
            return null;
        }
        if (column.unsigned()) {
            return ColumnReader.of(Schemas.of(Schema.Type.INT64, column.optional()), column.index(),
                    (row, i) -> row.getLong(i));
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT32, column.optional()), column.index(),
                (row, i) -> row.getInt(i));
    }
}

package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code BIGINT} -> INT64. */
final class BigIntType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.BIGINT) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT64, column.optional()), column.index(),
                (row, i) -> row.getLong(i));
    }
}

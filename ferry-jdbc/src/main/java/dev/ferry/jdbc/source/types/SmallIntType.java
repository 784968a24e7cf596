package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code SMALLINT} -> INT16; unsigned -> INT32. */
final class SmallIntType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.SMALLINT) {
            return null;
        }
        if (column.unsigned()) {
            return ColumnReader.of(Schemas.of(Schema.Type.INT32, column.optional()), column.index(),
                    (row, i) -> row.getInt(i));
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT16, column.optional()), column.index(),
                (row, i) -> row.getShort(i));
    }
}

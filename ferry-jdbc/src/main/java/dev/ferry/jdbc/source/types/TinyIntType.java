package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code TINYINT} -> INT8; unsigned (0..255) -> INT16. */
final class TinyIntType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.TINYINT) {
            return null;
        }
        if (column.unsigned()) {
            return ColumnReader.of(Schemas.of(Schema.Type.INT16, column.optional()), column.index(),
                    (row, i) -> row.getShort(i));
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT8, column.optional()), column.index(),
                (row, i) -> row.getByte(i));
    }
}

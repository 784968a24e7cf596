package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code BIT} -> INT8 (0 or 1), as Confluent's connector maps it for databases without a dialect rule. */
final class BitType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.BIT) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT8, column.optional()), column.index(),
                (row, i) -> row.getByte(i));
    }
}

package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code DOUBLE} and JDBC's {@code FLOAT} (which is double precision) -> FLOAT64. */
final class DoubleType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.DOUBLE && column.jdbcType() != Types.FLOAT) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.FLOAT64, column.optional()), column.index(),
                (row, i) -> row.getDouble(i));
    }
}

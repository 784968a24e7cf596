package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/**
 * {@code NUMERIC(p,s)} -> Connect Decimal, or a primitive where {@code numeric.mapping} asks for one and the
 * precision and scale allow it ({@link NumericMapping#primitiveFor}). A column with no declared precision
 * (PostgreSQL's plain {@code numeric}, reported with precision 0) is read at scale 127 so that no value loses a digit,
 * as Confluent's connector does.
 */
final class NumericType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.NUMERIC) {
            return null;
        }
        Schema.Type primitive = options.numericMapping().primitiveFor(column.precision(), column.scale());
        if (primitive != null) {
            Schema schema = Schemas.of(primitive, column.optional());
            return switch (primitive) {
                case INT8 -> ColumnReader.of(schema, column.index(), (row, i) -> row.getByte(i));
                case INT16 -> ColumnReader.of(schema, column.index(), (row, i) -> row.getShort(i));
                case INT32 -> ColumnReader.of(schema, column.index(), (row, i) -> row.getInt(i));
                case INT64 -> ColumnReader.of(schema, column.index(), (row, i) -> row.getLong(i));
                default -> ColumnReader.of(schema, column.index(), (row, i) -> row.getDouble(i));
            };
        }
        boolean unconstrained = column.scale() == DecimalType.UNSET_SCALE
                || (column.precision() == 0 && column.scale() == 0);
        return DecimalType.reader(column, unconstrained ? DecimalType.MAX_SCALE : column.scale());
    }
}

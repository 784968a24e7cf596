package dev.ferry.jdbc.source.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;

/**
 * {@code DECIMAL(p,s)} -> Connect Decimal of scale s, with the column's precision in the
 * {@code connect.decimal.precision} parameter (as Confluent's connector writes it). Values are exact: the scale is
 * the column's, so no digit is lost.
 */
final class DecimalType implements ColumnType {
    /** The scale a driver reports when a column has none (Oracle's NUMBER): values keep up to this many digits. */
    static final int UNSET_SCALE = -127;
    static final int MAX_SCALE = 127;

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.DECIMAL) {
            return null;
        }
        return reader(column, column.scale() == UNSET_SCALE ? MAX_SCALE : column.scale());
    }

    static ColumnReader reader(ResultColumn column, int scale) {
        return ColumnReader.of(Schemas.decimal(scale, column.precision(), column.optional()), column.index(),
                (row, i) -> {
                    BigDecimal value = row.getBigDecimal(i);
                    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
                });
    }
}

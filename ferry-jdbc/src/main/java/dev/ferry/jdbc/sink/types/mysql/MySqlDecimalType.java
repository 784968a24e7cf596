package dev.ferry.jdbc.sink.types.mysql;

import dev.ferry.jdbc.sink.types.DecimalWriter;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;

/**
 * MySQL's {@code decimal(p,s)} for a Connect Decimal: the schema's precision when it carries one MySQL can hold,
 * else 65, MySQL's largest. MySQL keeps at most 30 digits after the point, so a larger scale has no column.
 */
final class MySqlDecimalType implements DecimalWriter.ColumnType {
    static final int MAX_PRECISION = 65;
    static final int MAX_SCALE = 30;

    @Override
    public String of(Integer precision, int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new UnmappableTypeException("a Decimal with scale " + scale + " has no column type in "
                    + "MySQL/MariaDB, whose decimal keeps 0 to " + MAX_SCALE + " digits after the point: round it "
                    + "upstream, or create the column yourself (e.g. as varchar) with auto.create off");
        }
        int p = precision != null && precision >= scale && precision >= 1 && precision <= MAX_PRECISION
                ? precision : MAX_PRECISION;
        return "DECIMAL(" + p + "," + scale + ")";
    }
}

package dev.ferry.jdbc.dialect;

/**
 * One column of a table as the driver's metadata describes it.
 *
 * @param jdbcType     the {@link java.sql.Types} constant
 * @param typeName     the database's own type name ({@code int4}, {@code timestamptz}, {@code TINYINT UNSIGNED})
 * @param size         precision for numbers, length for strings and binaries, fractional digits' room for times
 * @param scale        digits after the point for numbers, fractional-second digits for times (or 0)
 * @param defaultValue the column default as SQL text, or null
 */
public record ColumnInfo(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                         boolean autoIncrement, String defaultValue) {
}

package dev.ferry.jdbc.source.types;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One column of a query's result, as the driver describes it: what a {@link ColumnType} decides by.
 *
 * @param index    1-based position in the result
 * @param name     the column's label, which becomes the field name
 * @param typeName the database's own type name, lower case ({@code timestamptz}, {@code _int4}, {@code tinyint})
 * @param optional whether the column may hold NULL (unknown counts as nullable)
 */
public record ResultColumn(int index, String name, int jdbcType, String typeName, int precision, int scale,
                           boolean optional, boolean signed, String className) {

    public static ResultColumn of(ResultSetMetaData metadata, int index) throws SQLException {
        String typeName = metadata.getColumnTypeName(index);
        return new ResultColumn(index, metadata.getColumnLabel(index), metadata.getColumnType(index),
                typeName == null ? "" : typeName.toLowerCase(Locale.ROOT), metadata.getPrecision(index),
                metadata.getScale(index), metadata.isNullable(index) != ResultSetMetaData.columnNoNulls,
                metadata.isSigned(index), metadata.getColumnClassName(index));
    }

    /** {@code typeName} without an {@code unsigned} suffix or a size: {@code bigint} of {@code bigint unsigned}. */
    public String baseTypeName() {
        String base = typeName.replace(" unsigned", "").replace(" zerofill", "");
        int paren = base.indexOf('(');
        return (paren < 0 ? base : base.substring(0, paren)).strip();
    }

    public boolean unsigned() {
        return !signed || typeName.contains("unsigned");
    }
}

package dev.ferry.jdbc.sink.sql;

/**
 * A column as DDL declares it: name, SQL type, an optional {@code DEFAULT} literal (null: none) and whether it may
 * hold NULL.
 */
public record ColumnSpec(String name, String type, String defaultLiteral, boolean nullable) {
}

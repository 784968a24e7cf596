package dev.ferry.jdbc.source.types.mysql;

import dev.ferry.jdbc.source.types.ColumnType;

import java.util.List;

/** MySQL's and MariaDB's column types that map differently from the generic ANSI ones, tried before them. */
public final class MySqlColumnTypes {

    private MySqlColumnTypes() {
    }

    public static List<ColumnType> all() {
        return List.of(new TinyIntOneType(), new UnsignedBigIntType(), new BitsType());
    }
}

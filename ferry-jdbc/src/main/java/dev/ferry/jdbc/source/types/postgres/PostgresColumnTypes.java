package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnType;

import java.util.List;

/** PostgreSQL's column types that map differently from the generic ANSI ones, tried before them. */
public final class PostgresColumnTypes {

    private PostgresColumnTypes() {
    }

    public static List<ColumnType> all() {
        return List.of(new BoolType(), new BitStringType(), new UuidType(), new JsonType(), new TimestampTzType(),
                new ArrayType());
    }
}

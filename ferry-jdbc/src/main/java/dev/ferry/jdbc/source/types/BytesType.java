package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;
import java.util.Set;

/** Binary columns ({@code BINARY}, {@code VARBINARY}, {@code BLOB}, PostgreSQL's {@code bytea}) -> BYTES. */
final class BytesType implements ColumnType {
    private static final Set<Integer> TYPES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!TYPES.contains(column.jdbcType())) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.BYTES, column.optional()), column.index(),
                (row, i) -> row.getBytes(i));
    }
}

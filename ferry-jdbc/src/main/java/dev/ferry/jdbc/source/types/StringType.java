package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.Types;
import java.util.Set;

/** Character columns ({@code CHAR}, {@code VARCHAR}, {@code TEXT}, {@code CLOB}, national variants) -> STRING. */
final class StringType implements ColumnType {
    private static final Set<Integer> TYPES = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR,
            Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB);

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!TYPES.contains(column.jdbcType())) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.STRING, column.optional()), column.index(),
                (row, i) -> row.getString(i));
    }
}

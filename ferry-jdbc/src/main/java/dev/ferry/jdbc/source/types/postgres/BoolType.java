package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/** {@code boolean} and {@code bit(1)} (both reported as JDBC BIT) -> BOOLEAN. */
final class BoolType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        boolean bool = column.typeName().equals("bool") || column.typeName().equals("boolean");
        boolean oneBit = column.jdbcType() == Types.BIT && column.precision() <= 1;
        if (!bool && !oneBit) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.BOOLEAN, column.optional()), column.index(),
                (row, i) -> row.getBoolean(i));
    }
}

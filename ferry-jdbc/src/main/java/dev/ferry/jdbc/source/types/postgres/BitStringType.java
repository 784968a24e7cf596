package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

/** {@code bit(n)} with n > 1 and {@code varbit} -> STRING of '0' and '1' (as PostgreSQL prints it). */
final class BitStringType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.typeName().equals("bit") && !column.typeName().equals("varbit")) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.STRING, column.optional()), column.index(),
                (row, i) -> row.getString(i));
    }
}

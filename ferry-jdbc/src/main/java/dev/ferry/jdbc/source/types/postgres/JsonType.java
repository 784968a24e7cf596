package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

/** {@code json} and {@code jsonb} -> STRING holding the JSON text (jsonb as PostgreSQL normalises it). */
final class JsonType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.typeName().equals("json") && !column.typeName().equals("jsonb")) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.STRING, column.optional()), column.index(),
                (row, i) -> row.getString(i));
    }
}

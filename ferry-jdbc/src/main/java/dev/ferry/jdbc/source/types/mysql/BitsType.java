package dev.ferry.jdbc.source.types.mysql;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

/** {@code bit(n)} with n > 1 -> BYTES, big-endian as stored ({@code bit(1)} is INT8, as for other databases). */
final class BitsType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.baseTypeName().equals("bit") || column.precision() <= 1) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.BYTES, column.optional()), column.index(),
                (row, i) -> row.getBytes(i));
    }
}

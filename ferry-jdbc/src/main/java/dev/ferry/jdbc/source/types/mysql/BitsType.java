package dev.ferry.jdbc.source.types.mysql;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

/**
 * {@code bit(1)} -> INT8 (0 or 1), as Confluent's connector writes it through MySQL Connector/J (the MariaDB driver
 * reports it as BOOLEAN, which would change the schema); {@code bit(n)} with n > 1 -> BYTES, big-endian as stored.
 */
final class BitsType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.baseTypeName().equals("bit")) {
            return null;
        }
        if (column.precision() <= 1) {
            return ColumnReader.of(Schemas.of(Schema.Type.INT8, column.optional()), column.index(),
                    (row, i) -> (byte) (row.getBoolean(i) ? 1 : 0));
        }
        return ColumnReader.of(Schemas.of(Schema.Type.BYTES, column.optional()), column.index(),
                (row, i) -> row.getBytes(i));
    }
}

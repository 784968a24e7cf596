package dev.ferry.jdbc.source.types.mysql;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;

import java.sql.Types;

/**
 * {@code tinyint(1)} and its alias {@code boolean}, which the drivers report as JDBC BIT/BOOLEAN -> INT8 holding the
 * stored number (0, 1, or any other value the column holds), as Confluent's connector writes it with MySQL
 * Connector/J; a BOOLEAN would lose values other than 0 and 1, which the column allows.
 */
final class TinyIntOneType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        String base = column.baseTypeName();
        boolean tinyint = base.equals("tinyint") || base.equals("boolean") || base.equals("bool");
        if (!tinyint || (column.jdbcType() != Types.BIT && column.jdbcType() != Types.BOOLEAN)) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT8, column.optional()), column.index(),
                (row, i) -> row.getByte(i));
    }
}

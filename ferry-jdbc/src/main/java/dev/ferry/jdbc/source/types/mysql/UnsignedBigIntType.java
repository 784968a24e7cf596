package dev.ferry.jdbc.source.types.mysql;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;

/**
 * {@code bigint unsigned} -> INT64, the schema Confluent's connector gives it, so that records keep their schema
 * when a connector moves over. A value above INT64's range (2^63 and up) cannot be written that way: it fails the
 * task with a message naming the column and the fix, instead of wrapping around to a negative number.
 */
final class UnsignedBigIntType implements ColumnType {
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.baseTypeName().equals("bigint") || !column.unsigned()) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.INT64, column.optional()), column.index(), (row, i) -> {
            BigDecimal value = row.getBigDecimal(i);
            if (value == null) {
                return null;
            }
            if (value.compareTo(MAX) > 0) {
                throw new DataException("Column '" + column.name() + "' (bigint unsigned) holds " + value
                        + ", above the largest INT64 (" + Long.MAX_VALUE + ") its records carry. Read it with a "
                        + "query that casts it, e.g. CAST(" + column.name() + " AS DECIMAL(20,0)), or keep its "
                        + "values below 2^63.");
            }
            return value.longValueExact();
        });
    }
}

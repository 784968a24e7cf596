package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.source.types.ColumnReaders;
import dev.ferry.jdbc.source.types.ReadOptions;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * The incremental modes: each round selects only rows past the last offset, in offset order, with Confluent's
 * criteria (so rows and offsets are the ones Confluent's connector would produce):
 * <pre>
 * incrementing:            WHERE inc &gt; ? ORDER BY inc ASC
 * timestamp:               WHERE ts &gt; ? AND ts &lt; ? ORDER BY ts ASC
 * timestamp+incrementing:  WHERE ts &lt; ? AND ((ts = ? AND inc &gt; ?) OR ts &gt; ?) ORDER BY ts, inc ASC
 * </pre>
 * where {@code ts} is the timestamp column or {@code COALESCE} of several, the upper bound is the database's clock
 * minus {@code timestamp.delay.interval.ms}, and timestamps are bound as local times in {@code db.timezone}.
 *
 * <p>The offset of a row is read from the row itself (the incrementing column as a whole number, the first
 * non-NULL timestamp column at full precision), not from its Connect value, so a millisecond Connect Timestamp does
 * not cut the position short.
 */
final class IncrementalReader extends TableReader {

    private final Map<String, String> partition;
    private final String incrementingColumn;
    private final List<String> timestampColumns;
    private final long delayMs;
    private final QuoteMode quoteMode;
    private final Calendar dbCalendar;
    private IncrementalOffset offset;
    private IncrementalOffset mark;
    private int incrementingIndex;
    private Schema fieldSchema;
    private Field incrementingField;
    private int[] timestampIndexes;

    IncrementalReader(Dialect dialect, Source source, Map<String, String> partition, String incrementingColumn,
                      List<String> timestampColumns, IncrementalOffset start, long delayMs, QuoteMode quoteMode,
                      ColumnReaders types, ReadOptions options, int fetchSize) {
        super(dialect, source, types, options, fetchSize);
        this.partition = partition;
        this.incrementingColumn = incrementingColumn;
        this.timestampColumns = timestampColumns;
        this.offset = start;
        this.delayMs = delayMs;
        this.quoteMode = quoteMode;
        this.dbCalendar = options.dbCalendar();
    }

    IncrementalOffset offset() {
        return offset;
    }

    @Override
    protected String sql() {
        StringBuilder sql = new StringBuilder(source.baseSql());
        String inc = incrementingColumn == null ? null : dialect.quote(incrementingColumn, quoteMode);
        String ts = timestampColumns.isEmpty() ? null : timestampExpression();
        if (ts != null && inc != null) {
            sql.append(" WHERE ").append(ts).append(" < ? AND ((").append(ts).append(" = ? AND ").append(inc)
                    .append(" > ?) OR ").append(ts).append(" > ?) ORDER BY ").append(ts).append(',').append(inc)
                    .append(" ASC");
        } else if (ts != null) {
            sql.append(" WHERE ").append(ts).append(" > ? AND ").append(ts).append(" < ? ORDER BY ").append(ts)
                    .append(" ASC");
        } else {
            sql.append(" WHERE ").append(inc).append(" > ? ORDER BY ").append(inc).append(" ASC");
        }
        if (!source.suffix().isEmpty()) {
            sql.append(' ').append(source.suffix());
        }
        return sql.toString();
    }

    private String timestampExpression() {
        List<String> quoted = new ArrayList<>();
        for (String column : timestampColumns) {
            quoted.add(dialect.quote(column, quoteMode));
        }
        return quoted.size() == 1 ? quoted.get(0) : "COALESCE(" + String.join(",", quoted) + ")";
    }

    @Override
    protected void bind(PreparedStatement statement, Connection connection) throws SQLException {
        if (timestampColumns.isEmpty()) {
            statement.setLong(1, offset.incrementingOrStart());
            return;
        }
        Timestamp begin = offset.timestampOrEpoch();
        Timestamp end = new Timestamp(dialect.currentTimestamp(connection).getTime() - delayMs);
        if (incrementingColumn != null) {
            statement.setTimestamp(1, end, dbCalendar);
            statement.setTimestamp(2, begin, dbCalendar);
            statement.setLong(3, offset.incrementingOrStart());
            statement.setTimestamp(4, begin, dbCalendar);
        } else {
            statement.setTimestamp(1, begin, dbCalendar);
            statement.setTimestamp(2, end, dbCalendar);
        }
    }

    /**
     * The record field that holds the incrementing column as a Connect integer, or null (then the column is read
     * again from the row: a decimal, or a column the record leaves out). Resolved once per record schema.
     */
    private Field incrementingField(Schema schema) {
        if (schema != fieldSchema) {
            Field field = schema.field(incrementingColumn);
            boolean integral = field != null && switch (field.schema().type()) {
                case INT8, INT16, INT32, INT64 -> field.schema().name() == null;
                default -> false;
            };
            incrementingField = integral ? field : null;
            fieldSchema = schema;
        }
        return incrementingField;
    }

    @Override
    protected void onResult(ResultSet rows) throws SQLException {
        incrementingIndex = incrementingColumn == null ? -1 : columnIndex(rows, incrementingColumn, display());
        timestampIndexes = new int[timestampColumns.size()];
        for (int i = 0; i < timestampIndexes.length; i++) {
            timestampIndexes[i] = columnIndex(rows, timestampColumns.get(i), display());
        }
    }

    @Override
    protected void markBatch() {
        mark = offset;
    }

    @Override
    protected void resetToMark() {
        if (mark != null) {
            offset = mark;
        }
    }

    @Override
    protected Map<String, ?> partition() {
        return partition;
    }

    @Override
    protected Map<String, ?> offsetOf(ResultSet rows, Struct value) throws SQLException {
        Long incrementing = incrementingIndex < 0 ? null : incrementingValue(rows, value);
        Timestamp timestamp = null;
        if (timestampIndexes.length > 0) {
            for (int index : timestampIndexes) {
                timestamp = rows.getTimestamp(index, dbCalendar);
                if (timestamp != null) {
                    break;
                }
            }
            if (timestamp == null) {
                timestamp = offset.timestamp(); // a custom query's row without a time keeps the position
            }
        }
        offset = new IncrementalOffset(incrementing, timestamp);
        return offset.toMap();
    }

    private long incrementingValue(ResultSet rows, Struct row) throws SQLException {
        Field field = incrementingField(row.schema());
        if (field != null) {
            Object read = row.get(field);
            if (read != null) {
                return ((Number) read).longValue(); // the row reader's integer: no second read of the column
            }
        }
        Object value = rows.getObject(incrementingIndex);
        if (value == null) {
            throw new ConnectException("The incrementing column '" + incrementingColumn + "' of " + display()
                    + " is NULL in a row; the column must be NOT NULL (a NULL row can never be ordered after the "
                    + "others). Make it NOT NULL or choose another column in incrementing.column.name.");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof BigInteger i) {
            decimal = new BigDecimal(i);
        } else {
            throw new ConnectException("The incrementing column '" + incrementingColumn + "' of " + display()
                    + " holds " + value.getClass().getSimpleName() + " values; it must be a whole number (an integer "
                    + "type, or a decimal of scale 0). Choose another column in incrementing.column.name.");
        }
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException e) {
            throw new ConnectException("The incrementing column '" + incrementingColumn + "' of " + display()
                    + " holds " + decimal + ", which is not a whole number within INT64 (offsets store a 64-bit "
                    + "integer). Choose a column whose values are whole numbers below 2^63.");
        }
    }
}

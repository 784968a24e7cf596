package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.sink.sql.SinkSql;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One prepared DML statement for one table, record layout and operation, with its parameters in order: each is a
 * record column, the writer for its type and the table column it goes into. {@link #bind} sets them from a record.
 */
final class PreparedWrite implements AutoCloseable {

    /** A statement parameter: where its value comes from and how it is bound. */
    private record Param(FieldColumn field, ColumnWriter writer, ColumnInfo column) {
    }

    final String sql;
    final PreparedStatement statement;
    private final List<Param> params;
    private final boolean replaceNullWithDefault;
    int pending;

    private PreparedWrite(String sql, PreparedStatement statement, List<Param> params, boolean replaceNullWithDefault) {
        this.sql = sql;
        this.statement = statement;
        this.params = params;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * Builds and prepares the statement; null when there is nothing to write (an update of a table whose columns are
     * all key columns).
     *
     * @throws UnmappableTypeException if a column's type has no writer in this database
     */
    static PreparedWrite prepare(Connection connection, SinkSql sql, FieldWriters writers, TableState table,
                                 RecordLayout layout, Op op, InsertMode mode, boolean replaceNullWithDefault)
            throws SQLException {
        List<Param> keys = params(writers, table, layout.keyColumns());
        List<Param> others = params(writers, table, layout.valueColumns());
        List<String> keyNames = names(keys);
        List<String> otherNames = names(others);
        List<Param> order = new ArrayList<>();
        String text;
        if (op == Op.DELETE) {
            text = sql.delete(table.id(), keyNames, placeholders(writers, keys));
            order.addAll(keys);
        } else {
            switch (mode) {
                case INSERT -> {
                    order.addAll(keys);
                    order.addAll(others);
                    text = sql.insert(table.id(), names(order), placeholders(writers, order));
                }
                case UPSERT -> {
                    order.addAll(keys);
                    order.addAll(others);
                    text = sql.upsert(table.id(), keyNames, otherNames, placeholders(writers, order));
                }
                case UPDATE -> {
                    if (others.isEmpty()) {
                        return null;
                    }
                    order.addAll(others);
                    order.addAll(keys);
                    text = sql.update(table.id(), keyNames, otherNames, placeholders(writers, keys),
                            placeholders(writers, others));
                }
                default -> throw new IllegalStateException(mode.toString());
            }
        }
        return new PreparedWrite(text, connection.prepareStatement(text), order, replaceNullWithDefault);
    }

    private static List<Param> params(FieldWriters writers, TableState table, List<FieldColumn> fields) {
        List<Param> params = new ArrayList<>();
        for (FieldColumn field : fields) {
            params.add(new Param(field, writers.of(field), table.column(field.name())));
        }
        return params;
    }

    /** The table's own spelling of each column (see {@link TableState#column}). */
    private static List<String> names(List<Param> params) {
        return params.stream().map(p -> p.column() != null ? p.column().name() : p.field().name()).toList();
    }

    private static List<String> placeholders(FieldWriters writers, List<Param> params) {
        return params.stream().map(p -> writers.registry.placeholder(p.writer(), p.column())).toList();
    }

    /**
     * Sets every parameter from {@code record}.
     *
     * @throws DataException naming the field, if a value cannot be written to its column
     */
    void bind(SinkRecord record) throws SQLException {
        int index = 1;
        for (Param p : params) {
            Object value;
            try {
                value = p.field().value(record, replaceNullWithDefault);
            } catch (RuntimeException e) {
                throw new DataException("field '" + p.field().name() + "' could not be read from the record: "
                        + e.getMessage(), e);
            }
            if (value == null) {
                statement.setNull(index, p.writer().nullType());
            } else {
                try {
                    p.writer().bind(statement, index, p.field().schema(), value, p.column());
                } catch (RuntimeException e) { // a writer's cast, parse or range check failed on this value
                    throw new DataException("field '" + p.field().name() + "' (" + ColumnWriters.describe(
                            p.field().schema()) + ") holds a value its column cannot take: " + e.getMessage(), e);
                }
            }
            index++;
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}

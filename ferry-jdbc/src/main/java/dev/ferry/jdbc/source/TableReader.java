package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.source.types.ColumnReaders;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.RowReader;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one table (or the custom query) in rounds: {@link #start} runs the query, {@link #read} takes up to a
 * batch of its rows as records, again on the next poll, until the result is used up; then {@link #finish} ends the
 * round (closing the cursor and committing the read transaction) and the reader waits {@code poll.interval.ms} for
 * the next. Rows stream from the database {@code batch.max.rows} at a time, so a table is never held in memory.
 *
 * <p>Subclasses say what a round selects (the SQL and its parameters) and what each record's offset is. One task
 * thread owns a reader.
 */
abstract class TableReader {

    private static final Logger log = LoggerFactory.getLogger(TableReader.class);

    protected final Dialect dialect;
    protected final Source source;
    private final ColumnReaders types;
    protected final ReadOptions options;
    private final int fetchSize;

    private long lastRoundEnd;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private RowReader rowReader;
    private boolean exhausted;
    private boolean batchOpen;
    private String loggedSql;

    /**
     * What a reader reads and where its records go.
     *
     * @param from       the SQL after {@code SELECT * FROM} (a table's quoted name) or, for a custom query, the whole
     *                   query
     * @param schemaName the records' struct schema name (the table's bare name; null for a query)
     * @param display    how messages name it
     * @param masked     whether the SQL must stay out of logs ({@code query.masked})
     */
    record Source(String from, boolean isQuery, String suffix, String topic, String schemaName, String display,
                  boolean masked) {

        String baseSql() {
            return isQuery ? from : "SELECT * FROM " + from;
        }
    }

    TableReader(Dialect dialect, Source source, ColumnReaders types, ReadOptions options, int fetchSize) {
        this.dialect = dialect;
        this.source = source;
        this.types = types;
        this.options = options;
        this.fetchSize = fetchSize;
    }

    /** The full SQL of a round: base, the subclass's criteria, the suffix. */
    protected abstract String sql();

    /** Binds the round's parameters. */
    protected abstract void bind(PreparedStatement statement, Connection connection) throws SQLException;

    /** Called once the query ran: find the result columns the offsets come from. */
    protected void onResult(ResultSet rows) throws SQLException {
    }

    /** Remembers the position before a batch, which {@link #resetToMark} goes back to if the batch fails. */
    protected void markBatch() {
    }

    protected void resetToMark() {
    }

    /** The partition and offset of the current row, advancing the reader's position. */
    protected abstract Map<String, ?> partition();

    /** The current row's offset; {@code value} is the row as already read, so columns need not be read twice. */
    protected abstract Map<String, ?> offsetOf(ResultSet rows, Struct value) throws SQLException;

    final String display() {
        return source.display();
    }

    final boolean inProgress() {
        return rows != null;
    }

    final long lastRoundEnd() {
        return lastRoundEnd;
    }

    final void start(Connection connection) throws SQLException {
        this.connection = connection;
        String sql = sql();
        if (!sql.equals(loggedSql)) {
            log.info("Reading {} with: {}", display(), source.masked() ? "(query.masked)" : sql);
            loggedSql = sql;
        }
        statement = dialect.streamingQuery(connection, sql, fetchSize);
        bind(statement, connection);
        rows = statement.executeQuery();
        exhausted = false;
        rowReader = RowReader.create(source.schemaName(), display(), rows.getMetaData(), types, options);
        onResult(rows);
    }

    /** Up to {@code max} rows as records; {@link #exhausted()} tells whether the result is used up. */
    final List<SourceRecord> read(int max) throws SQLException {
        markBatch();
        batchOpen = true;
        List<SourceRecord> records = new ArrayList<>(Math.min(max, 1024));
        while (records.size() < max) {
            if (!rows.next()) {
                exhausted = true;
                break;
            }
            Struct value = rowReader.read(rows);
            records.add(new SourceRecord(partition(), offsetOf(rows, value), source.topic(), null, null, null,
                    value.schema(), value));
        }
        batchOpen = false;
        return records;
    }

    final boolean exhausted() {
        return exhausted;
    }

    /** Ends a round that read every row: the transaction is committed and the next round waits its interval. */
    final void finish(long now) {
        close(true);
        lastRoundEnd = now;
    }

    /** Ends a round that failed: nothing is committed; the reader's position stays at the last row handed over. */
    final void abort(long now) {
        if (batchOpen) {
            // the failed batch's records are dropped, so its rows must be read again
            resetToMark();
            batchOpen = false;
        }
        close(false);
        lastRoundEnd = now;
    }

    private void close(boolean commit) {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            log.debug("Closing the result of {} failed", display(), e);
        }
        rows = null;
        statement = null;
        if (connection != null) {
            try {
                if (!connection.getAutoCommit()) {
                    if (commit) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                }
            } catch (SQLException e) {
                log.debug("Ending the read transaction of {} failed", display(), e);
            }
        }
        connection = null;
    }

    /** A column's 1-based index in the result by label: exact, else the only case-insensitive match. */
    static int columnIndex(ResultSet rows, String column, String display) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        int folded = -1;
        int foldedCount = 0;
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String label = metadata.getColumnLabel(i);
            if (label.equals(column)) {
                return i;
            }
            if (label.equalsIgnoreCase(column)) {
                folded = i;
                foldedCount++;
            }
        }
        if (foldedCount == 1) {
            return folded;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            labels.add(metadata.getColumnLabel(i));
        }
        throw new ConnectException("The result of " + display + " has no column '"
                + column + "'" + (foldedCount > 1 ? " (several differ from it only in case)" : "") + "; its columns "
                + "are " + labels + ". Name one of them in the column config, spelled as it is in the result.");
    }
}

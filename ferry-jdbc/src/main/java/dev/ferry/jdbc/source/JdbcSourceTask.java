package dev.ferry.jdbc.source;

import dev.ferry.jdbc.Sentences;
import dev.ferry.jdbc.connection.ConnectionProvider;
import dev.ferry.jdbc.connection.ConnectionSettings;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.dialect.TableId;
import dev.ferry.jdbc.source.types.ColumnReaders;
import dev.ferry.jdbc.source.types.ReadOptions;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the tables (or the custom query) the connector assigned to this task and returns their rows as records.
 *
 * <h2>Polling</h2>
 * Each table has a {@link TableReader}; they wait in a queue ordered by when their last round ended. A poll takes
 * the first reader: if its {@code poll.interval.ms} has not passed, the poll sleeps (at most a second, then returns
 * nothing so the runtime can commit offsets); otherwise it starts the reader's round, or continues the round it is
 * in, and returns at most {@code batch.max.rows} of its rows. A reader whose round is used up goes to the back of
 * the queue. Rows stream {@code batch.max.rows} at a time through one connection, so a round's cursor stays open
 * between polls and no table is held in memory.
 *
 * <h2>Offsets</h2>
 * Incremental readers start from the offset stored under the table's protocol-1 partition, else under its older
 * protocol-0 partition (offsets Confluent's connector wrote), else from {@code timestamp.initial}. Each record's
 * offset is the position after its row, so a restart from committed offsets re-reads nothing that was committed.
 *
 * <h2>Failures</h2>
 * A transient database error (a lost connection included) ends the round without moving the position; the round
 * is retried after {@code poll.interval.ms}, at most {@code query.retry.attempts} times in a row (-1: without limit),
 * reconnecting as {@code connection.attempts} allows. Any other SQL error fails the task with the statement's error,
 * scrubbed of the password.
 *
 * <h2>Threads</h2>
 * The runtime calls {@link #start} and {@link #poll} on the task's thread and {@link #stop} from another; stop wakes
 * a sleeping poll, and the database resources are closed by whichever of the two finishes last.
 */
public class JdbcSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(JdbcSourceTask.class);
    /** The longest a poll sleeps before returning nothing, so the runtime keeps committing offsets and can stop. */
    private static final long MAX_SLEEP_MS = 1_000L;
    /** How long stop waits for a running poll to let go of the connection before closing it anyway. */
    private static final long STOP_WAIT_MS = 5_000L;

    private final Time time;
    private final ReentrantLock polling = new ReentrantLock();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final PriorityQueue<TableReader> queue = new PriorityQueue<>(
            Comparator.comparingLong(TableReader::lastRoundEnd).thenComparing(TableReader::display));
    private JdbcSourceConfig config;
    private ConnectionProvider connections;
    private Connection prepared;
    private int failuresInARow;
    private boolean idle;

    public JdbcSourceTask() {
        this(Time.SYSTEM);
    }

    JdbcSourceTask(Time time) {
        this.time = time;
    }

    @Override
    public String version() {
        return JdbcSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = JdbcSourceConfig.forTask(props);
        Map<String, List<String>> problems = SourceConfigChecks.problems(config);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), config.originals().get(first.getKey()),
                    first.getValue().get(0));
        }
        Dialect dialect = config.dialect();
        List<TableId> tables = TaskTables.decode(dialect, config.getString(JdbcSourceConfig.TABLES_CONFIG));
        boolean query = config.query().isPresent();
        if (!query && tables.isEmpty()) {
            if (!config.getBoolean(JdbcSourceConfig.TABLES_FETCHED_CONFIG)) {
                idle = true;
                log.info("The connector has not listed the tables yet; this task waits for its tables");
                return;
            }
            TableLister lister = TableLister.of(config, dialect);
            throw new ConnectException("No table to read: the database at " + config.connectionSettings().safeUrl()
                    + " has no table matching " + lister.describe() + ". Check the table names (PostgreSQL: "
                    + "schema.table, MySQL/MariaDB: database.table, or the bare name) and that the user may see "
                    + "them; the connector picks up tables created later within table.poll.interval.ms.");
        }
        ConnectionSettings settings = config.connectionSettings();
        connections = new ConnectionProvider(settings, dialect);
        try {
            Connection connection = connection();
            if (query) {
                queue.add(queryReader(dialect, connection));
            } else {
                addTableReaders(dialect, connection, tables);
            }
            connection.commit();
        } catch (SQLException e) {
            closeConnections();
            throw new ConnectException("Preparing to read " + (query ? "the query" : tables) + " failed: "
                    + scrub(e).getMessage(), scrub(e));
        } catch (RuntimeException e) {
            closeConnections();
            throw e;
        }
        log.info("JDBC source task reads {} in mode {}", query ? "a custom query" : tables, config.mode());
    }

    /** The task's connection, set up for reading (again, when the provider had to reconnect). */
    private Connection connection() throws SQLException {
        Connection connection = connections.connection();
        if (connection != prepared) {
            prepare(connection, config.isolationLevel());
            prepared = connection;
        }
        return connection;
    }

    private static void prepare(Connection connection, IsolationLevel isolation) throws SQLException {
        connection.setAutoCommit(false);
        if (isolation != IsolationLevel.DEFAULT) {
            if (connection.getMetaData().supportsTransactionIsolationLevel(isolation.jdbcLevel)) {
                connection.setTransactionIsolation(isolation.jdbcLevel);
            } else {
                log.warn("The database does not support transaction.isolation.mode {}; queries run at its default",
                        isolation);
            }
        }
    }

    private void addTableReaders(Dialect dialect, Connection connection, List<TableId> tables) throws SQLException {
        SourceMode mode = config.mode();
        if (config.getString(SourceModeConfig.MODE_CONFIG).isBlank()) {
            log.warn("mode is not set: reading new rows by each table's auto-increment column (mode=incrementing). "
                    + "Set mode to bulk, incrementing, timestamp or timestamp+incrementing to choose.");
        }
        Map<TableId, OffsetColumns> columns = new HashMap<>();
        List<Map<String, String>> partitions = new ArrayList<>();
        for (TableId table : tables) {
            if (mode.incremental()) {
                columns.put(table, OffsetColumns.resolve(config, mode, table, dialect.columns(connection, table)));
                partitions.addAll(SourcePartitions.candidates(table));
            }
        }
        Map<Map<String, String>, Map<String, Object>> stored = partitions.isEmpty() ? Map.of()
                : context.offsetStorageReader().offsets(partitions);
        ColumnReaders types = ColumnReaders.of(dialect);
        ReadOptions options = config.readOptions();
        QuoteMode quoteMode = config.quoteMode();
        for (TableId table : tables) {
            TableReader.Source source = new TableReader.Source(dialect.qualified(table, quoteMode), false,
                    config.querySuffix(), config.topicPrefix() + table.table(), table.table(),
                    "table " + table.qualifiedName(), false);
            if (!mode.incremental()) {
                queue.add(new BulkReader(dialect, source, SourcePartitions.legacyForTable(table), types, options,
                        config.batchMaxRows()));
                continue;
            }
            IncrementalOffset start = null;
            for (Map<String, String> candidate : SourcePartitions.candidates(table)) {
                Map<String, Object> offset = stored == null ? null : stored.get(candidate);
                if (offset != null) {
                    start = IncrementalOffset.fromMap(offset);
                    log.info("{} resumes from offset {} stored under {}", source.display(), offset, candidate);
                    break;
                }
            }
            if (start == null) {
                start = initialOffset(dialect, connection);
            }
            OffsetColumns offsetColumns = columns.get(table);
            queue.add(new IncrementalReader(dialect, source, SourcePartitions.forTable(table),
                    offsetColumns.incrementing(), offsetColumns.timestamps(), start, config.timestampDelayMs(),
                    quoteMode, types, options, config.batchMaxRows()));
        }
    }

    private TableReader queryReader(Dialect dialect, Connection connection) throws SQLException {
        SourceMode mode = config.mode();
        String query = config.query().orElseThrow();
        TableReader.Source source = new TableReader.Source(query, true, config.querySuffix(), config.topicPrefix(),
                null, "the query", config.queryMasked());
        ColumnReaders types = ColumnReaders.of(dialect);
        if (!mode.incremental()) {
            return new BulkReader(dialect, source, SourcePartitions.forQuery(), types, config.readOptions(),
                    config.batchMaxRows());
        }
        Map<String, Object> stored = context.offsetStorageReader().offset(SourcePartitions.forQuery());
        IncrementalOffset start = stored != null ? IncrementalOffset.fromMap(stored) : initialOffset(dialect,
                connection);
        return new IncrementalReader(dialect, source, SourcePartitions.forQuery(),
                mode.usesIncrementing ? config.incrementingColumn() : null,
                mode.usesTimestamp ? config.timestampColumns() : List.of(), start, config.timestampDelayMs(),
                config.quoteMode(), types, config.readOptions(), config.batchMaxRows());
    }

    /** Where a table without a stored offset starts: {@code timestamp.initial} (-1: the database's now), else the beginning. */
    private IncrementalOffset initialOffset(Dialect dialect, Connection connection) throws SQLException {
        Long initial = config.timestampInitial();
        if (initial == null) {
            return IncrementalOffset.START;
        }
        long millis = initial == SourceModeConfig.TIMESTAMP_INITIAL_NOW
                ? dialect.currentTimestamp(connection).getTime() : initial;
        return new IncrementalOffset(null, new Timestamp(millis));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (idle) {
            stopping.await(MAX_SLEEP_MS, TimeUnit.MILLISECONDS);
            return null;
        }
        polling.lock();
        try {
            while (stopping.getCount() > 0) {
                TableReader reader = queue.peek();
                if (reader == null) {
                    return null;
                }
                if (!reader.inProgress()) {
                    long wait = reader.lastRoundEnd() + config.pollIntervalMs() - time.milliseconds();
                    if (wait > 0) {
                        stopping.await(Math.min(wait, MAX_SLEEP_MS), TimeUnit.MILLISECONDS);
                        return null;
                    }
                }
                List<SourceRecord> batch = readBatch(reader);
                if (batch != null && !batch.isEmpty()) {
                    return batch;
                }
            }
            return null;
        } finally {
            polling.unlock();
            if (stopping.getCount() == 0) {
                closeConnections();
            }
        }
    }

    /** One batch of {@code reader}'s rows (starting its round if needed); null after a failure to retry. */
    private List<SourceRecord> readBatch(TableReader reader) {
        try {
            if (!reader.inProgress()) {
                reader.start(connection());
            }
            List<SourceRecord> batch = reader.read(config.batchMaxRows());
            if (reader.exhausted()) {
                queue.poll();
                reader.finish(time.milliseconds());
                queue.add(reader);
            }
            failuresInARow = 0;
            return batch;
        } catch (SQLException e) {
            queue.poll();
            reader.abort(time.milliseconds());
            queue.add(reader);
            SQLException clean = scrub(e);
            String what = "Reading " + reader.display() + " failed (SQL state " + e.getSQLState() + ", error "
                    + e.getErrorCode() + "): " + clean.getMessage();
            if (!retriable(e)) {
                throw new ConnectException(Sentences.then(what,
                        "Fix the cause in the database or the connector's config and restart the task."), clean);
            }
            failuresInARow++;
            int attempts = config.queryRetryAttempts();
            if (attempts >= 0 && failuresInARow > attempts) {
                throw new ConnectException(Sentences.then(what, "Gave up after " + failuresInARow + " failure(s) in a row "
                        + "(query.retry.attempts=" + attempts + ")."), clean);
            }
            log.warn("{}; retrying from the last position in {} ms", what, config.pollIntervalMs());
            return null;
        }
    }

    /** Errors a new connection or a later try may not see again: lost connections, time-outs, deadlocks. */
    private static boolean retriable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("57P"))) {
            return true;
        }
        return !(e instanceof SQLNonTransientException) && state == null;
    }

    private SQLException scrub(SQLException e) {
        return connections.settings().scrub(e);
    }

    @Override
    public void stop() {
        stopping.countDown();
        try {
            if (polling.tryLock(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                try {
                    closeConnections();
                } finally {
                    polling.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnections() {
        for (TableReader reader : queue) {
            if (reader.inProgress()) {
                reader.abort(time.milliseconds());
            }
        }
        if (connections != null) {
            connections.close();
        }
    }
}

package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.Sentences;
import dev.ferry.jdbc.dialect.TableId;
import dev.ferry.jdbc.sink.sql.SinkSql;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@code put}'s records, all or nothing.
 *
 * <h2>Phases</h2>
 * <ol>
 * <li><b>Plan.</b> Each record gets its table ({@code table.name.format}), its column layout (from its key and
 * value schemas, cached per schema pair) and its operation (write, or delete for a tombstone). Records that cannot
 * work (a tombstone without {@code delete.enabled}, a schemaless value, pk fields the schema lacks) are rejected
 * here.</li>
 * <li><b>Tables.</b> Every table is created or given missing columns as the settings allow, and the DDL committed,
 * before any row is written. Records for a table that does not fit are rejected.</li>
 * <li><b>Rows.</b> In one transaction, per table in record order: rows go into JDBC batches of
 * {@code batch.size}; a batch is sent when the statement changes (another schema, a delete after writes) so order
 * per key is kept. Then commit. Offsets the runtime commits after {@code put} returns thus cover committed rows
 * only.</li>
 * <li><b>Isolation.</b> If the database refuses the batch for a reason retrying cannot fix, the transaction is
 * rolled back and the rows are written again one at a time, each in a savepoint: a row the database refuses is
 * rolled back alone and rejected; the others are committed.</li>
 * </ol>
 * A rejected record goes to the errant record reporter, or fails the put ({@link Rejections}). A transient
 * {@link SQLException} (lost connection, deadlock) leaves this class after a rollback; the task retries the put.
 *
 * <p>Single-threaded: the task's thread.
 */
final class SinkWriter {
    private static final Logger log = LoggerFactory.getLogger(SinkWriter.class);

    private final JdbcSinkConfig config;
    private final SinkSql sql;
    private final FieldWriters writers;
    private final TableManager tables;
    private final Rejections rejections;
    private final Map<TableId, LayoutCache> layouts = new HashMap<>();
    private final Map<String, TableId> tablesByTopic = new HashMap<>();

    SinkWriter(JdbcSinkConfig config, ColumnWriters writers, Rejections rejections) {
        this.config = config;
        this.sql = new SinkSql(config.dialect, config.quoteMode);
        this.writers = new FieldWriters(writers, config.timestampFields, config.timestampUnit);
        this.tables = new TableManager(config, this.writers, sql);
        this.rejections = rejections;
    }

    /** The records that go into one statement: same table, same layout, same operation. */
    private static final class Group {
        final TableId table;
        final RecordLayout layout;
        final Op op;
        TableState state;
        PreparedWrite write;
        boolean rejected;
        boolean skipped;

        Group(TableId table, RecordLayout layout, Op op) {
            this.table = table;
            this.layout = layout;
            this.op = op;
        }
    }

    private record GroupKey(TableId table, RecordLayout layout, Op op) {
    }

    private static final class Row {
        final SinkRecord record;
        final Group group;
        boolean done;

        Row(SinkRecord record, Group group) {
            this.record = record;
            this.group = group;
        }
    }

    /**
     * Writes the records in one transaction; rejected records are reported (or fail the put).
     *
     * @throws SQLException after a rollback, when the database failed for a reason a retry may fix, or failed
     *                      outside any one record
     */
    void write(Connection connection, Collection<SinkRecord> records) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        Map<TableId, List<Row>> rowsByTable = new LinkedHashMap<>();
        try {
            plan(records, groups, rowsByTable);
            prepareTables(connection, groups, rowsByTable);
            try {
                writeBatched(connection, rowsByTable);
                connection.commit();
                log.debug("Wrote {} records into {} table(s)", records.size(), rowsByTable.size());
            } catch (SQLException e) {
                rollback(connection);
                if (SqlErrors.isRetriable(e)) {
                    throw e;
                }
                log.warn("The database refused a batch ({}); writing the {} records one at a time to find the ones "
                        + "it refuses", config.connection.scrub(SqlErrors.describe(e)), records.size());
                writeOneByOne(connection, rowsByTable);
            }
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            tables.forgetAll();
            throw e;
        } finally {
            for (Group group : groups.values()) {
                if (group.write != null) {
                    try {
                        group.write.close();
                    } catch (SQLException e) {
                        log.debug("Closing a statement failed", e);
                    }
                }
            }
        }
    }

    private void plan(Collection<SinkRecord> records, Map<GroupKey, Group> groups, Map<TableId, List<Row>> rows) {
        for (SinkRecord record : records) {
            TableId table;
            try {
                table = tableFor(record.topic());
            } catch (DataException e) {
                rejections.reject(record, "'" + config.tableNameFormat + "'", e.getMessage(), e);
                continue;
            }
            Op op;
            if (record.value() == null) {
                if (!config.deleteEnabled) {
                    rejections.reject(record, table, "it is a tombstone (null value) and delete.enabled is false; "
                            + "set delete.enabled=true (with pk.mode=record_key) to delete rows, or drop tombstones "
                            + "with the Filter SMT and the RecordIsTombstone predicate", null);
                    continue;
                }
                if (record.key() == null) {
                    rejections.reject(record, table, "it is a tombstone without a key, so there is no row to "
                            + "delete", null);
                    continue;
                }
                op = Op.DELETE;
            } else {
                if (record.valueSchema() == null) {
                    rejections.reject(record, table, "its value has no schema; the JDBC sink needs one to know the "
                            + "columns: use a converter with schemas (Avro, Protobuf, JSON Schema, or JsonConverter "
                            + "with value.converter.schemas.enable=true)", null);
                    continue;
                }
                if (config.pkMode == PkMode.RECORD_KEY && record.key() == null) {
                    rejections.reject(record, table, "pk.mode=record_key, but the record has no key", null);
                    continue;
                }
                op = Op.WRITE;
            }
            RecordLayout layout;
            try {
                layout = layouts.computeIfAbsent(table, t -> new LayoutCache()).layout(table, record, op, config);
            } catch (DataException e) {
                rejections.reject(record, table, e.getMessage(), e);
                continue;
            }
            Group group = groups.computeIfAbsent(new GroupKey(table, layout, op), k -> new Group(table, layout, op));
            rows.computeIfAbsent(table, t -> new ArrayList<>()).add(new Row(record, group));
        }
    }

    private void prepareTables(Connection connection, Map<GroupKey, Group> groups, Map<TableId, List<Row>> rows)
            throws SQLException {
        for (Group group : groups.values()) {
            try {
                if (group.op == Op.DELETE) {
                    Optional<TableState> found = tables.find(connection, group.table);
                    if (found.isEmpty()) {
                        group.skipped = true; // nothing to delete from
                        continue;
                    }
                    group.state = found.get();
                } else {
                    group.state = tables.ensure(connection, group.table, group.layout);
                }
                group.write = PreparedWrite.prepare(connection, sql, writers, group.state, group.layout, group.op,
                        config.insertMode, config.replaceNullWithDefault);
                if (group.write == null) {
                    group.skipped = true; // update mode and no column besides the key: nothing to change
                }
            } catch (SQLException e) {
                rollback(connection);
                if (SqlErrors.isRetriable(e)) {
                    throw e;
                }
                group.rejected = true;
                rejectGroup(rows.get(group.table), group, "the database refused to prepare it: "
                        + config.connection.scrub(SqlErrors.describe(e)), e);
            } catch (DataException e) {
                group.rejected = true;
                rejectGroup(rows.get(group.table), group, e.getMessage(), e);
            }
        }
        // metadata reads may have opened a transaction (PostgreSQL); the rows get a fresh one
        connection.commit();
    }

    private void rejectGroup(List<Row> rows, Group group, String problem, Throwable cause) {
        for (Row row : rows) {
            if (row.group == group && !row.done) {
                row.done = true;
                rejections.reject(row.record, group.table, problem, cause);
            }
        }
    }

    private void writeBatched(Connection connection, Map<TableId, List<Row>> rowsByTable) throws SQLException {
        for (List<Row> rows : rowsByTable.values()) {
            PreparedWrite current = null;
            for (Row row : rows) {
                if (row.done || row.group.rejected || row.group.skipped) {
                    continue;
                }
                PreparedWrite write = row.group.write;
                if (write != current) {
                    flush(current);
                    current = write;
                }
                try {
                    write.bind(row.record);
                } catch (DataException e) {
                    row.done = true;
                    rejections.reject(row.record, row.group.state.id(), e.getMessage(), e);
                    continue;
                }
                write.statement.addBatch();
                write.pending++;
                if (write.pending >= config.batchSize) {
                    flush(write);
                }
            }
            flush(current);
        }
    }

    private static void flush(PreparedWrite write) throws SQLException {
        if (write == null || write.pending == 0) {
            return;
        }
        int[] counts = write.statement.executeBatch();
        write.pending = 0;
        for (int count : counts) {
            if (count == Statement.EXECUTE_FAILED) {
                throw new BatchUpdateException("The database failed part of a batch of '" + write.sql + "'", counts);
            }
        }
    }

    private void writeOneByOne(Connection connection, Map<TableId, List<Row>> rowsByTable) throws SQLException {
        boolean savepoints = connection.getMetaData().supportsSavepoints();
        for (List<Row> rows : rowsByTable.values()) {
            for (Row row : rows) {
                if (row.done || row.group.rejected || row.group.skipped) {
                    continue;
                }
                PreparedWrite write = row.group.write;
                write.statement.clearBatch();
                write.pending = 0;
                try {
                    write.bind(row.record);
                } catch (DataException e) {
                    row.done = true;
                    rejections.reject(row.record, row.group.state.id(), e.getMessage(), e);
                    continue;
                }
                Savepoint savepoint = savepoints ? connection.setSavepoint() : null;
                try {
                    write.statement.executeUpdate();
                    if (savepoint != null) {
                        connection.releaseSavepoint(savepoint);
                    } else {
                        connection.commit();
                    }
                } catch (SQLException e) {
                    if (savepoint != null) {
                        connection.rollback(savepoint);
                    } else {
                        connection.rollback();
                    }
                    if (SqlErrors.isRetriable(e)) {
                        throw e;
                    }
                    if (SqlErrors.isStatementProblem(e)) {
                        throw new ConnectException("The database refused the statement for table "
                                + row.group.state.id() + " whatever the row: "
                                + Sentences.end(config.connection.scrub(SqlErrors.describe(e)))
                                + " The table does not fit the records (e.g. a column of another type, or for "
                                + "upserts no primary key or unique index on exactly the key columns "
                                + row.group.layout.keyColumns().stream().map(FieldColumn::name).toList()
                                + "): change the table or pk.mode/pk.fields. Statement: " + write.sql,
                                config.connection.scrub(e));
                    }
                    row.done = true;
                    rejections.reject(row.record, row.group.state.id(), "the database refused it: "
                            + config.connection.scrub(SqlErrors.describe(e)), config.connection.scrub(e));
                }
            }
        }
        connection.commit();
    }

    private TableId tableFor(String topic) {
        // a put holds thousands of records of a handful of topics: parse each topic's table name once
        TableId known = tablesByTopic.get(topic);
        if (known != null) {
            return known;
        }
        String name = config.tableNameFormat.replace("${topic}", topic);
        try {
            TableId table = config.dialect.parseTableId(name);
            tablesByTopic.put(topic, table);
            return table;
        } catch (IllegalArgumentException e) {
            throw new DataException("table.name.format '" + config.tableNameFormat + "' gives '" + name
                    + "' for topic '" + topic + "', which is not a table name: " + e.getMessage());
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed (the connection is replaced on the next put)", e);
        }
    }

    /**
     * The layouts records of one table have had, by schema pair. Records of a topic nearly always share their
     * schema objects, so the last pair is compared by identity first, before the map's deep comparison.
     */
    private static final class LayoutCache {
        private Schema lastKey;
        private Schema lastValue;
        private Op lastOp;
        private RecordLayout last;
        private final Map<List<Object>, RecordLayout> all = new HashMap<>();

        RecordLayout layout(TableId table, SinkRecord record, Op op, JdbcSinkConfig config) {
            Schema key = record.keySchema();
            Schema value = op == Op.DELETE ? null : record.valueSchema();
            if (last != null && key == lastKey && value == lastValue && op == lastOp) {
                return last;
            }
            List<Object> cacheKey = new ArrayList<>(3);
            cacheKey.add(key);
            cacheKey.add(value);
            cacheKey.add(op);
            RecordLayout layout = all.get(cacheKey);
            if (layout == null) {
                layout = RecordLayout.of(table.toString(), op == Op.DELETE ? PkMode.RECORD_KEY : config.pkMode,
                        config.pkFields, config.fieldsWhitelist, key, value, config.stringValueColumn);
                all.put(cacheKey, layout);
            }
            lastKey = key;
            lastValue = value;
            lastOp = op;
            last = layout;
            return layout;
        }
    }

    @Override
    public String toString() {
        return "SinkWriter[" + config.connection.safeUrl() + "]";
    }
}

package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.jdbc.source.JdbcSourceConnector;
import dev.ferry.jdbc.source.JdbcSourceTask;
import dev.ferry.testkit.db.DatabaseServer;
import dev.ferry.testkit.db.MariaDbServer;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table with every column type both connectors support, read by the JDBC source and written by the JDBC sink into
 * an auto-created table on the same server, compares equal column by column (as the database prints the values):
 * decimals exact, timestamps to the microsecond (source {@code timestamp.granularity=nanos_long} paired with sink
 * {@code timestamp.fields.list}), NULLs as NULLs. The records go from task to task in memory, as they would through
 * Kafka with a converter that keeps Connect schemas.
 */
class SourceToSinkRoundTripTest {
    @TempDir
    static Path logs;
    static PostgresServer postgres;
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(logs.resolve("pg"), "pw-roundtrip");
        mariadb = MariaDbServer.start(logs.resolve("maria"), "pw-roundtrip");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
        mariadb.close();
    }

    @Test
    void aPostgresTableRoundTripsThroughSourceAndSink() throws Exception {
        roundTrip(postgres, "id INT PRIMARY KEY, i2 SMALLINT, i4 INTEGER, i8 BIGINT, r REAL, d DOUBLE PRECISION, "
                + "n NUMERIC(12,3), b BOOLEAN, vc VARCHAR(20), t TEXT, by BYTEA, dt DATE, tm TIME(3), "
                + "ts TIMESTAMP(6), u UUID, j JSONB, ia INT[], ta TEXT[]",
                "(1, -2, 4, 8000000000, 1.5, -2.25e300, -123456789.012, true, 'vär \"c\"', 'it''s', '\\x0102ff', "
                        + "'2024-02-29', '13:14:15.123', '2024-02-29 13:14:15.123456', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"b\": [2, null]}', '{1,NULL,3}', '{x,\"y z\"}')",
                "ts");
    }

    @Test
    void aMariaDbTableRoundTripsThroughSourceAndSink() throws Exception {
        roundTrip(mariadb, "id INT PRIMARY KEY, ti TINYINT, si SMALLINT, i INT, bi BIGINT, f FLOAT, d DOUBLE, "
                + "de DECIMAL(10,2), c VARCHAR(10), t TEXT, bl BLOB, dt DATE, tm TIME(3), dtm DATETIME(6)",
                "(1, -1, -2, 4, 8000000000, 1.5, -2.25e300, -12345678.91, 'vär', 'it''s', x'0102ff', '2024-02-29', "
                        + "'13:14:15.123', '2024-02-29 13:14:15.123456')",
                "dtm");
    }

    private static void roundTrip(DatabaseServer server, String columns, String values, String timestampColumn)
            throws Exception {
        server.createDatabase("rt_from");
        server.createDatabase("rt_to");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("rt_from"), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE all_types (" + columns + ")");
            s.execute("INSERT INTO all_types VALUES " + values);
            s.execute("INSERT INTO all_types (id) VALUES (2)");
        }

        List<SourceRecord> read = readAll(server, Map.of("mode", "bulk", "table.whitelist", "all_types",
                "topic.prefix", "db.", "timestamp.granularity", "nanos_long", "poll.interval.ms", "60000"), 2);

        Map<String, String> sink = connection(server, "rt_to");
        sink.putAll(Map.of("auto.create", "true", "insert.mode", "upsert", "pk.mode", "record_value",
                "pk.fields", "id", "table.name.format", "all_types", "timestamp.fields.list", timestampColumn,
                "timestamp.precision.mode", "NANOSECONDS"));
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(RecordingContext.withoutReporter());
        task.start(sink);
        try {
            List<SinkRecord> records = new ArrayList<>();
            for (SourceRecord r : read) {
                records.add(new SinkRecord(r.topic(), 0, r.keySchema(), r.key(), r.valueSchema(), r.value(),
                        records.size()));
            }
            task.put(records);
        } finally {
            task.stop();
        }

        List<List<String>> original = printed(server, "rt_from");
        List<List<String>> copy = printed(server, "rt_to");
        assertThat(copy).hasSize(2);
        assertThat(copy).isEqualTo(original);
        assertThat(copy.get(1).subList(1, copy.get(1).size())).containsOnlyNulls();
    }

    private static List<List<String>> printed(DatabaseServer server, String db) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(db), server.user(), server.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM all_types ORDER BY id")) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getMetaData().getColumnName(i) + "=" + rs.getString(i));
                    if (rs.wasNull()) {
                        row.set(row.size() - 1, null);
                    }
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Map<String, String> connection(DatabaseServer server, String db) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", server.jdbcUrl(db));
        props.put("connection.user", server.user());
        props.put("connection.password", server.password());
        return props;
    }

    /** Runs the source connector and one task until {@code count} records came. */
    private static List<SourceRecord> readAll(DatabaseServer server, Map<String, String> config, int count)
            throws Exception {
        Map<String, String> props = connection(server, "rt_from");
        props.putAll(config);
        JdbcSourceConnector connector = new JdbcSourceConnector();
        connector.initialize(new ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
            }

            @Override
            public void raiseError(Exception e) {
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }
        });
        connector.start(props);
        JdbcSourceTask task = new JdbcSourceTask();
        try {
            Map<String, String> taskProps = connector.taskConfigs(1).get(0);
            task.initialize(new SourceTaskContext() {
                @Override
                public Map<String, String> configs() {
                    return taskProps;
                }

                @Override
                public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                    return null;
                }

                @Override
                public OffsetStorageReader offsetStorageReader() {
                    return new OffsetStorageReader() {
                        @Override
                        public <T> Map<String, Object> offset(Map<String, T> partition) {
                            return null;
                        }

                        @Override
                        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
                                Collection<Map<String, T>> partitions) {
                            return Map.of();
                        }
                    };
                }
            });
            task.start(taskProps);
            List<SourceRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (records.size() < count && System.nanoTime() < deadline) {
                List<SourceRecord> polled = task.poll();
                if (polled != null) {
                    records.addAll(polled);
                }
            }
            assertThat(records).hasSize(count);
            return records;
        } finally {
            task.stop();
            connector.stop();
        }
    }
}

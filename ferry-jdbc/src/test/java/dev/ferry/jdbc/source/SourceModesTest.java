package dev.ferry.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every mode against a real PostgreSQL and a real MariaDB: the first load, then inserts and updates arriving exactly
 * once each and in order, and a task started again from the committed offsets sending nothing twice.
 */
class SourceModesTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Long enough for several rounds at poll.interval.ms=50. */
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @TempDir
    static Path logs;
    static Databases databases;

    @BeforeAll
    static void start() throws Exception {
        databases = Databases.start(logs);
    }

    @AfterAll
    static void stop() throws Exception {
        databases.close();
    }

    private static Databases.Db db(String name) throws Exception {
        return databases.fresh(name.equals("PostgreSQL"));
    }

    /** A UTC wall-clock time {@code minutesAgo} before now, as SQL text (db.timezone is UTC). */
    private static String ago(long minutes) {
        return "'" + LocalDateTime.now(ZoneOffset.UTC).minusMinutes(minutes).format(SQL_TIME) + "'";
    }

    private static List<Object> ids(List<SourceRecord> records) {
        return records.stream().map(r -> (Object) ((Number) ((Struct) r.value()).get("id")).longValue()).toList();
    }

    private static List<Object> names(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).get("name")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void bulkSendsEveryRowInEveryRoundWithConfluentsBulkPartition(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "bulk", "tables", TaskTables.encode(
                    new JdbcSourceConfig(db.config()).dialect(), List.of(table(db, "items")))));
            List<SourceRecord> first = runner.poll(3, WAIT);
            assertThat(names(first)).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(runner.poll(3, WAIT)).hasSize(3);
            SourceRecord record = first.get(0);
            assertThat(record.topic()).isEqualTo("t-items");
            assertThat(record.sourcePartition()).isEqualTo(Map.of("table", "items"));
            assertThat(record.sourceOffset()).isNull();
            assertThat(record.valueSchema().name()).isEqualTo("items");
            assertThat(record.key()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void incrementingSendsEachNewRowOnceInOrderAndARestartResendsNothing(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id " + db.serial() + ", name VARCHAR(20) NOT NULL)",
                "INSERT INTO items (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e')");
        Map<String, String> config = db.config("mode", "incrementing", "incrementing.column.name", "id",
                "batch.max.rows", "2", "tables", tables(db, "items"));
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(config);
            List<SourceRecord> first = runner.poll(5, WAIT);
            assertThat(ids(first)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(first.get(4).sourcePartition())
                    .isEqualTo(Map.of("protocol", "1", "table", db.qualified("items")));
            assertThat(first.get(4).sourceOffset()).isEqualTo(Map.of("incrementing", 5L));

            db.execute("INSERT INTO items (name) VALUES ('f'), ('g'), ('h')", "UPDATE items SET name = 'A' WHERE id = 1");
            assertThat(ids(runner.poll(3, WAIT))).containsExactly(6L, 7L, 8L);
            assertThat(runner.pollFor(QUIET)).isEmpty();

            runner.start(config);
            assertThat(runner.pollFor(QUIET)).as("a restarted task re-sends nothing committed").isEmpty();
            db.execute("INSERT INTO items (name) VALUES ('i')");
            assertThat(ids(runner.poll(1, WAIT))).containsExactly(9L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void aBlankIncrementingColumnIsTheTablesAutoIncrementColumn(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (name VARCHAR(20) NOT NULL, id " + db.serial() + ")",
                "INSERT INTO items (name) VALUES ('a'), ('b')");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "incrementing", "tables", tables(db, "items")));
            List<SourceRecord> records = runner.poll(2, WAIT);
            assertThat(records.get(1).sourceOffset()).isEqualTo(Map.of("incrementing", 2L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void timestampFindsInsertsAndUpdatesOnceInTimeOrder(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(20), changed " + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, 'a', " + ago(30) + "), (2, 'b', " + ago(20) + "), (3, 'c', " + ago(25)
                        + ")");
        Map<String, String> config = db.config("mode", "timestamp", "timestamp.column.name", "changed",
                "tables", tables(db, "items"));
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(config);
            assertThat(ids(runner.poll(3, WAIT))).containsExactly(1L, 3L, 2L);

            db.execute("UPDATE items SET name = 'A', changed = " + ago(1) + " WHERE id = 1",
                    "INSERT INTO items VALUES (4, 'd', " + ago(2) + ")");
            List<SourceRecord> changes = runner.poll(2, WAIT);
            assertThat(ids(changes)).containsExactly(4L, 1L);
            assertThat(names(changes)).containsExactly("d", "A");
            assertThat(changes.get(1).sourceOffset()).containsOnlyKeys("timestamp", "timestamp_nanos");
            assertThat(runner.pollFor(QUIET)).isEmpty();

            runner.start(config);
            assertThat(runner.pollFor(QUIET)).as("a restarted task re-sends nothing committed").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void timestampIncrementingNeitherRepeatsNorSkipsRowsSharingATimestampAcrossARestart(String database)
            throws Exception {
        Databases.Db db = db(database);
        String same = ago(10);
        db.execute("CREATE TABLE items (id INT NOT NULL PRIMARY KEY, name VARCHAR(20), changed " + db.timestamp()
                        + " NOT NULL)",
                "INSERT INTO items VALUES (1, 'a', " + same + "), (2, 'b', " + same + "), (3, 'c', " + same + "), "
                        + "(4, 'd', " + ago(5) + ")");
        Map<String, String> config = db.config("mode", "timestamp+incrementing", "timestamp.column.name", "changed",
                "incrementing.column.name", "id", "batch.max.rows", "1", "tables", tables(db, "items"));
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(config);
            assertThat(ids(runner.poll(2, WAIT))).containsExactly(1L, 2L);
            runner.start(config); // stopped between two rows of the same time
            assertThat(ids(runner.poll(2, WAIT))).containsExactly(3L, 4L);
            assertThat(runner.committed.values()).allSatisfy(offset -> assertThat(offset)
                    .containsOnlyKeys("incrementing", "timestamp", "timestamp_nanos"));

            db.execute("UPDATE items SET name = 'B', changed = " + ago(1) + " WHERE id = 2");
            List<SourceRecord> update = runner.poll(1, WAIT);
            assertThat(names(update)).containsExactly("B");
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void severalTimestampColumnsUseTheFirstThatIsNotNull(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, modified " + db.timestamp() + " NULL, created "
                        + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, NULL, " + ago(30) + "), (2, " + ago(5) + ", " + ago(40) + ")");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "timestamp", "timestamp.column.name", "modified,created",
                    "tables", tables(db, "items")));
            assertThat(ids(runner.poll(2, WAIT))).containsExactly(1L, 2L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void aCustomQueryReadsIncrementallyIntoTheTopicNamedByThePrefix(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(20), secret VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'a', 'x'), (2, 'b', 'y')");
        Map<String, String> config = db.config("mode", "incrementing", "incrementing.column.name", "id",
                "query", "SELECT id, name FROM items", "topic.prefix", "picked");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(config);
            List<SourceRecord> records = runner.poll(2, WAIT);
            assertThat(ids(records)).containsExactly(1L, 2L);
            assertThat(records.get(0).topic()).isEqualTo("picked");
            assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("query", "query"));
            assertThat(records.get(0).valueSchema().field("secret")).isNull();
            db.execute("INSERT INTO items VALUES (3, 'c', 'z')");
            assertThat(ids(runner.poll(1, WAIT))).containsExactly(3L);
            runner.start(config);
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void aQuerySuffixIsAppendedToEveryQuery(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id", "query.suffix",
                    "LIMIT 1", "tables", tables(db, "items")));
            // one row per round: all three still arrive, in order, over three rounds
            List<SourceRecord> records = runner.poll(3, WAIT);
            assertThat(ids(records)).containsExactly(1L, 2L, 3L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void timestampInitialStartsAFreshConnectorAtThatTime(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, changed " + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, " + ago(3 * 24 * 60) + "), (2, " + ago(60) + "), (3, " + ago(10) + ")");
        long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "timestamp", "timestamp.column.name", "changed",
                    "timestamp.initial", Long.toString(dayAgo), "tables", tables(db, "items")));
            assertThat(ids(runner.poll(2, WAIT))).containsExactly(2L, 3L);
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "timestamp", "timestamp.column.name", "changed",
                    "timestamp.initial", "-1", "tables", tables(db, "items")));
            assertThat(runner.pollFor(QUIET)).as("-1 starts at the database's now").isEmpty();
            db.execute("INSERT INTO items VALUES (4, " + ago(0) + ")");
            assertThat(ids(runner.poll(1, WAIT))).containsExactly(4L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void aConnectorStoppedForADayCatchesUpFromItsCommittedOffset(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, changed " + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, " + ago(25 * 60) + "), (2, " + ago(23 * 60) + "), (3, " + ago(60)
                        + ")");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            // the offset a task committed a day ago, just after row 1
            long dayAgo = System.currentTimeMillis() - Duration.ofHours(24).toMillis();
            runner.committed.put(Map.of("protocol", "1", "table", db.qualified("items")),
                    Map.of("timestamp", dayAgo, "timestamp_nanos", 0L));
            runner.start(db.config("mode", "timestamp", "timestamp.column.name", "changed",
                    "tables", tables(db, "items")));
            assertThat(ids(runner.poll(2, WAIT))).containsExactly(2L, 3L);
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void rowsStreamInBatchesOfAtMostBatchMaxRowsAndEveryTableIsRead(String database) throws Exception {
        Databases.Db db = db(database);
        String generate = db.postgres() ? "SELECT g, 'n' || g FROM generate_series(1, 2500) g"
                : "SELECT seq, CONCAT('n', seq) FROM seq_1_to_2500";
        db.execute("CREATE TABLE big (id INT NOT NULL, name VARCHAR(20))", "INSERT INTO big " + generate,
                "CREATE TABLE small (id INT NOT NULL, name VARCHAR(20))", "INSERT INTO small VALUES (1, 'only')");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id", "batch.max.rows", "1000",
                    "tables", tables(db, "big", "small")));
            List<Integer> sizes = new java.util.ArrayList<>();
            List<SourceRecord> all = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (all.size() < 2501 && System.nanoTime() < deadline) {
                List<SourceRecord> batch = runner.pollOnce();
                if (!batch.isEmpty()) {
                    sizes.add(batch.size());
                    all.addAll(batch);
                }
            }
            assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1000));
            assertThat(all).hasSize(2501);
            assertThat(all.stream().filter(r -> r.topic().equals("t-big")).map(r -> ((Struct) r.value()).get("id"))
                    .toList()).isSorted().hasSize(2500).doesNotHaveDuplicates();
            assertThat(all).anySatisfy(r -> assertThat(r.topic()).isEqualTo("t-small"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void timestampDelayHoldsBackRowsYoungerThanTheDelay(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, changed " + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, " + ago(120) + "), (2, " + ago(10) + ")");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "timestamp", "timestamp.column.name", "changed",
                    "timestamp.delay.interval.ms", Long.toString(Duration.ofHours(1).toMillis()),
                    "tables", tables(db, "items")));
            assertThat(ids(runner.poll(1, WAIT))).containsExactly(1L);
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void queriesRunAtTheConfiguredIsolationLevel(String database) throws Exception {
        Databases.Db db = db(database);
        String level = db.postgres() ? "current_setting('transaction_isolation')" : "@@tx_isolation";
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "bulk", "transaction.isolation.mode", "SERIALIZABLE",
                    "query", "SELECT 1 AS id, " + level + " AS level"));
            Object value = ((Struct) runner.poll(1, WAIT).get(0).value()).get("level");
            assertThat(value.toString().toLowerCase()).isEqualTo("serializable");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void columnMappingsChooseTheOffsetColumnsPerTable(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE orders (order_no INT NOT NULL, changed " + db.timestamp() + " NOT NULL)",
                "CREATE TABLE users (user_id INT NOT NULL, seen " + db.timestamp() + " NOT NULL)",
                "INSERT INTO orders VALUES (7, " + ago(5) + ")", "INSERT INTO users VALUES (9, " + ago(6) + ")");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "timestamp+incrementing", "table.include.list", ".*",
                    "incrementing.column.mapping", ".*orders:order_no,.*users:user_id",
                    "timestamp.columns.mapping", ".*orders:[changed],.*users:[seen]",
                    "tables", tables(db, "orders", "users")));
            List<SourceRecord> records = runner.poll(2, WAIT);
            assertThat(records).extracting(r -> (Object) r.sourceOffset().get("incrementing"))
                    .containsExactlyInAnyOrder(7L, 9L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void aMaskedQueryIsReadLikeAQuery(String database) throws Exception {
        Databases.Db db = db(database);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(20))", "INSERT INTO items VALUES (1, 'a')");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id",
                    "query.masked", "SELECT id, name FROM items", "topic.prefix", "masked"));
            assertThat(names(runner.poll(1, WAIT))).containsExactly("a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "MariaDB"})
    void timestampBoundsAreLocalTimesInDbTimezone(String database) throws Exception {
        Databases.Db db = db(database);
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        String past = "'" + LocalDateTime.now(tokyo).minusMinutes(30).format(SQL_TIME) + "'";
        // still ahead of the database's clock in Tokyo time (UTC+9), though long past in UTC
        String ahead = "'" + LocalDateTime.now(tokyo).plusMinutes(30).format(SQL_TIME) + "'";
        db.execute("CREATE TABLE items (id INT NOT NULL, changed " + db.timestamp() + " NOT NULL)",
                "INSERT INTO items VALUES (1, " + past + "), (2, " + ahead + ")");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            List<SourceRecord> records = runner.start(db.config("mode", "timestamp", "timestamp.column.name",
                    "changed", "db.timezone", "Asia/Tokyo", "tables", tables(db, "items"))).poll(1, WAIT);
            assertThat(ids(records)).containsExactly(1L);
            long instant = ((java.util.Date) ((Struct) records.get(0).value()).get("changed")).getTime();
            assertThat(Math.abs(System.currentTimeMillis() - Duration.ofMinutes(30).toMillis() - instant))
                    .isLessThan(Duration.ofMinutes(1).toMillis());
            assertThat(runner.pollFor(QUIET)).isEmpty();
        }
    }

    static dev.ferry.jdbc.dialect.TableId table(Databases.Db db, String table) {
        return db.postgres() ? new dev.ferry.jdbc.dialect.TableId(null, "public", table)
                : new dev.ferry.jdbc.dialect.TableId(db.database(), null, table);
    }

    /** The {@code tables} task key for these tables, as the connector writes it. */
    static String tables(Databases.Db db, String... names) {
        var dialect = new JdbcSourceConfig(db.config()).dialect();
        return TaskTables.encode(dialect, java.util.Arrays.stream(names).map(n -> table(db, n)).toList());
    }
}

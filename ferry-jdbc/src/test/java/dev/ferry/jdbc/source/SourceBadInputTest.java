package dev.ferry.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the database or the config is wrong: every failure says what is wrong and how to fix it,
 * and no message or stack trace holds the password.
 */
class SourceBadInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void aWrongPasswordNamesTheUserAndHostButNeverThePassword() throws Exception {
        for (boolean postgres : List.of(true, false)) {
            Databases.Db db = databases.fresh(postgres);
            Map<String, String> config = db.config("mode", "bulk", "connection.password", "Wrong-Pass-123");
            JdbcSourceConnector connector = SourceConnectorTest.connector(new JdbcSourceConnector(),
                    new SourceConnectorTest.CountingContext());
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> connector.start(config));
            assertThat(failure).as(db.toString()).hasMessageContaining("ferry").hasMessageContaining("127.0.0.1");
            assertThat(trace(failure)).doesNotContain("Wrong-Pass-123");
            connector.stop();
        }
    }

    @Test
    void anUnreachableDatabaseIsRetriedThenFailsTheTaskNamingTheUrlWithoutCredentials() {
        String url = "jdbc:postgresql://127.0.0.1:1/shop?user=ferry&password=Url-Secret-456&ssl=false";
        Map<String, String> config = Map.of("connection.url", url, "mode", "bulk", "connection.attempts", "2",
                "connection.backoff.ms", "50", "tables", "\"public\".\"t\"", "connection.password", "Other-789");
        long started = System.nanoTime();
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> new SourceTaskRunner().start(config));
        assertThat(failure).hasMessageContaining("jdbc:postgresql://127.0.0.1:1/shop")
                .hasMessageContaining("2 attempt(s)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(trace(failure)).doesNotContain("Url-Secret-456").doesNotContain("Other-789");
    }

    @Test
    void aWhitelistedTableThatDoesNotExistFailsTheTaskNamingTheFilter() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE present (id INT)");
        Map<String, String> config = db.config("mode", "bulk", "table.whitelist", "absent");
        JdbcSourceConnector connector = SourceConnectorTest.connector(new JdbcSourceConnector(),
                new SourceConnectorTest.CountingContext());
        connector.start(config);
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(2);
            assertThat(tasks).hasSize(1);
            assertThatThrownBy(() -> new SourceTaskRunner().start(tasks.get(0)))
                    .hasMessageContaining("No table to read").hasMessageContaining("table.whitelist [absent]");
        } finally {
            connector.stop();
        }
    }

    @Test
    void anIncrementingColumnThatDoesNotExistIsNamedWithTheTablesColumns() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE items (id INT NOT NULL, name VARCHAR(10))");
        assertThatThrownBy(() -> new SourceTaskRunner().start(db.config("mode", "incrementing",
                "incrementing.column.name", "idd", "tables", SourceModesTest.tables(db, "items"))))
                .hasMessageContaining("Column 'idd' named in incrementing.column.name does not exist in table "
                        + db.database() + ".items (its columns: id, name)");
    }

    @Test
    void aNullableIncrementingColumnIsRefusedUnlessValidationIsOff() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE items (id INT, name VARCHAR(10))", "INSERT INTO items VALUES (1, 'a')");
        Map<String, String> config = db.config("mode", "incrementing", "incrementing.column.name", "id",
                "tables", SourceModesTest.tables(db, "items"));
        assertThatThrownBy(() -> new SourceTaskRunner().start(config))
                .hasMessageContaining("'id' of table public.items is nullable")
                .hasMessageContaining("validate.non.null=false");
        config.put("validate.non.null", "false");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            assertThat(runner.start(config).poll(1, WAIT)).hasSize(1);
        }
    }

    @Test
    void timestampColumnsThatAreAllNullableAreRefused() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE items (id INT NOT NULL, a DATETIME NULL, b DATETIME NULL)");
        assertThatThrownBy(() -> new SourceTaskRunner().start(db.config("mode", "timestamp",
                "timestamp.column.name", "a,b", "tables", SourceModesTest.tables(db, "items"))))
                .hasMessageContaining("[a, b]").hasMessageContaining("all nullable");
    }

    @Test
    void aTableWithoutAutoIncrementColumnNeedsAnIncrementingColumnName() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE items (id INT NOT NULL)");
        assertThatThrownBy(() -> new SourceTaskRunner().start(db.config("tables",
                SourceModesTest.tables(db, "items"))))
                .hasMessageContaining("has no auto-increment column").hasMessageContaining("mode is not set");
    }

    @Test
    void identifiersWithQuotesAndSpacesAreQuotedInEveryQuery() throws Exception {
        for (boolean postgres : List.of(true, false)) {
            Databases.Db db = databases.fresh(postgres);
            String q = postgres ? "\"" : "`";
            String table = postgres ? "\"Order \"\"Lines\"\"\"" : "`Order \"Lines\"`";
            db.execute("CREATE TABLE " + table + " (" + q + "the id" + q + " INT NOT NULL, " + q + "select" + q
                            + " VARCHAR(10))",
                    "INSERT INTO " + table + " VALUES (1, 'x'), (2, 'y')");
            JdbcSourceConnector connector = SourceConnectorTest.connector(new JdbcSourceConnector(),
                    new SourceConnectorTest.CountingContext());
            connector.start(db.config("mode", "incrementing", "incrementing.column.name", "the id"));
            try (SourceTaskRunner runner = new SourceTaskRunner()) {
                List<SourceRecord> records = runner.start(connector.taskConfigs(1).get(0)).poll(2, WAIT);
                assertThat(records).extracting(r -> ((Struct) r.value()).get("select")).containsExactly("x", "y");
                assertThat(records.get(0).topic()).isEqualTo("t-Order \"Lines\"");
            } finally {
                connector.stop();
            }
        }
    }

    @Test
    void aLostConnectionIsRetriedFromTheLastPositionWithoutRepeatingRows() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT NOT NULL)",
                "INSERT INTO items (name) SELECT 'row' || g FROM generate_series(1, 10) g");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id", "batch.max.rows", "4",
                    "tables", SourceModesTest.tables(db, "items")));
            List<SourceRecord> first = runner.poll(4, WAIT);
            try (Connection admin = DriverManager.getConnection(db.url(), db.server().user(),
                    db.server().password())) {
                admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            }
            List<SourceRecord> rest = runner.poll(6, WAIT);
            assertThat(rest).extracting(r -> ((Struct) r.value()).get("id")).containsExactly(5, 6, 7, 8, 9, 10);
            assertThat(first).extracting(r -> ((Struct) r.value()).get("id")).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aQueryTheDatabaseRejectsFailsTheTaskWithTheDatabasesReason() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE items (id INT NOT NULL)", "INSERT INTO items VALUES (1)");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "bulk", "query", "SELECT no_such_column FROM items"));
            assertThatThrownBy(() -> runner.poll(1, WAIT)).hasMessageContaining("Reading the query failed")
                    .hasMessageContaining("no_such_column").hasMessageContaining("42703");
        }
    }
}

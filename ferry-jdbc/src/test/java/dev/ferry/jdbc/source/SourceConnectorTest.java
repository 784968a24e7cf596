package dev.ferry.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector: its config keys and checks, how it splits tables over tasks, and its table monitor. */
class SourceConnectorTest {

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

    /** A connector context that counts reconfiguration requests and keeps raised errors. */
    static final class CountingContext implements ConnectorContext {
        final AtomicInteger reconfigurations = new AtomicInteger();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void requestTaskReconfiguration() {
            reconfigurations.incrementAndGet();
        }

        @Override
        public void raiseError(Exception e) {
            errors.add(e);
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }
    }

    static JdbcSourceConnector connector(JdbcSourceConnector connector, CountingContext context) {
        connector.initialize(context);
        return connector;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new JdbcSourceConnector().validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, String> base(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:postgresql://127.0.0.1:1/db");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    @Test
    void configListsEveryKeyWithConfluentsTypesAndDefaults() {
        ConfigDef def = new JdbcSourceConnector().config();
        Map<String, Object> expected = new HashMap<>();
        expected.put("connection.attempts", 3);
        expected.put("connection.backoff.ms", 10_000L);
        expected.put("mode", "");
        expected.put("incrementing.column.name", "");
        expected.put("timestamp.column.name", List.of());
        expected.put("timestamp.initial", null);
        expected.put("timestamp.delay.interval.ms", 0L);
        expected.put("validate.non.null", true);
        expected.put("table.whitelist", List.of());
        expected.put("table.blacklist", List.of());
        expected.put("table.include.list", List.of());
        expected.put("table.exclude.list", List.of());
        expected.put("catalog.pattern", null);
        expected.put("schema.pattern", null);
        expected.put("table.types", List.of("TABLE"));
        expected.put("topic.prefix", "");
        expected.put("poll.interval.ms", 5000);
        expected.put("batch.max.rows", 1000);
        expected.put("table.poll.interval.ms", 60_000L);
        expected.put("numeric.mapping", null);
        expected.put("numeric.precision.mapping", false);
        expected.put("db.timezone", "UTC");
        expected.put("dialect.name", "");
        expected.put("quote.sql.identifiers", "always");
        expected.put("query", "");
        expected.put("query.suffix", "");
        expected.put("query.retry.attempts", -1);
        expected.put("transaction.isolation.mode", "DEFAULT");
        expected.put("timestamp.granularity", "connect_logical");
        expected.put("date.calendar.system", "LEGACY");
        expected.put("poll.linger.ms", 5000L);
        expected.put("max.buffer.size", 0);
        Map<String, Object> defaults = def.defaultValues();
        expected.forEach((key, value) -> {
            assertThat(def.names()).as(key).contains(key);
            assertThat(defaults.get(key)).as("default of " + key).isEqualTo(value);
        });
        assertThat(def.configKeys().get("connection.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("timestamp.column.name").type).isEqualTo(ConfigDef.Type.LIST);
        assertThat(def.names()).contains("connection.url", "connection.user", "incrementing.column.mapping",
                "timestamp.columns.mapping", "query.masked").doesNotContain("tables", "tables.fetched");
    }

    @Test
    void crossKeyRulesMarkTheKeysTheyConcern() {
        assertThat(errors(base("table.whitelist", "a", "table.blacklist", "b")))
                .containsKeys("table.whitelist", "table.blacklist");
        assertThat(errors(base("table.whitelist", "a", "table.include.list", "public\\..*")).get("table.include.list"))
                .anySatisfy(m -> assertThat(m).contains("cannot be combined"));
        assertThat(errors(base("table.exclude.list", ".*tmp")).get("table.exclude.list"))
                .anySatisfy(m -> assertThat(m).contains("set table.include.list too"));
        assertThat(errors(base("query", "SELECT 1", "table.whitelist", "a", "mode", "bulk")))
                .containsKeys("query", "table.whitelist");
        assertThat(errors(base("mode", "timestamp")).get("timestamp.column.name"))
                .anySatisfy(m -> assertThat(m).contains("set timestamp.column.name"));
        assertThat(errors(base("mode", "incrementing", "query", "SELECT * FROM t")).get("incrementing.column.name"))
                .anySatisfy(m -> assertThat(m).contains("no table to find an auto-increment column in"));
        assertThat(errors(base("mode", "bulk", "incrementing.column.mapping", "x:id", "table.include.list", "x")))
                .containsKey("incrementing.column.mapping");
        assertThat(errors(base("transaction.isolation.mode", "SQL_SERVER_SNAPSHOT")))
                .containsKey("transaction.isolation.mode");
        assertThat(errors(base("topic.prefix", "bad prefix!"))).containsKey("topic.prefix");
        assertThat(errors(base("table.include.list", "(unclosed"))).containsKey("table.include.list");
        assertThat(errors(base("numeric.mapping", "best_guess"))).containsKey("numeric.mapping");
        assertThat(errors(base("mode", "sometimes"))).containsKey("mode");
        assertThat(errors(base("mode", "incrementing", "table.whitelist", "a", "incrementing.column.name", "id")))
                .isEmpty();
    }

    @Test
    void theSeedsMysqlConfigWithoutModeValidatesAndReadsNewRows() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO users (name) VALUES ('ada'), ('alan')");
        Map<String, String> seed = new HashMap<>();
        seed.put("connector.class", "MySqlSourceConnector");
        seed.put("connection.url", databases.mariadb.mysqlUrl(db.database()));
        seed.put("table.whitelist", "users");
        seed.put("tasks.max", "2");
        seed.put("topic.prefix", "mysql-topic-");
        seed.put("connection.user", db.server().user());
        seed.put("connection.password", db.server().password());
        seed.put("poll.interval.ms", "50");
        assertThat(new MySqlSourceConnector().validate(seed).configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());

        JdbcSourceConnector connector = connector(new MySqlSourceConnector(), new CountingContext());
        connector.start(seed);
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(2);
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0)).containsEntry("dialect.name", "MySqlDatabaseDialect");
            try (SourceTaskRunner runner = new SourceTaskRunner()) {
                List<SourceRecord> records = runner.start(tasks.get(0)).poll(2, Duration.ofSeconds(10));
                assertThat(records).extracting(SourceRecord::topic).containsOnly("mysql-topic-users");
                assertThat(records).extracting(r -> ((Struct) r.value()).get("name")).containsExactly("ada", "alan");
                db.execute("INSERT INTO users (name) VALUES ('grace')");
                assertThat(runner.poll(1, Duration.ofSeconds(10))).extracting(r -> ((Struct) r.value()).get("name"))
                        .containsExactly("grace");
            }
        } finally {
            connector.stop();
        }
    }

    @Test
    void tablesAreSplitOverAtMostTasksMaxTasksAndAQueryHasOneTask() throws Exception {
        Databases.Db db = databases.fresh(true);
        for (String t : List.of("a", "b", "c", "d", "e")) {
            db.execute("CREATE TABLE " + t + " (id SERIAL PRIMARY KEY)");
        }
        JdbcSourceConnector connector = connector(new JdbcSourceConnector(), new CountingContext());
        connector.start(db.config("mode", "incrementing"));
        try {
            List<Map<String, String>> two = connector.taskConfigs(2);
            assertThat(two).extracting(t -> t.get("tables"))
                    .containsExactly("\"public\".\"a\",\"public\".\"b\",\"public\".\"c\"",
                            "\"public\".\"d\",\"public\".\"e\"");
            assertThat(connector.taskConfigs(10)).hasSize(5);
            assertThat(connector.taskConfigs(1)).hasSize(1);
        } finally {
            connector.stop();
        }
        JdbcSourceConnector query = connector(new PostgreSqlSourceConnector(), new CountingContext());
        query.start(db.config("mode", "bulk", "query", "SELECT * FROM a"));
        try {
            assertThat(query.taskConfigs(3)).hasSize(1);
        } finally {
            query.stop();
        }
    }

    @Test
    void whitelistBlacklistAndRegexListsChooseTablesByConfluentsRules() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE SCHEMA other", "CREATE TABLE public.orders (id INT)", "CREATE TABLE public.order_lines (id INT)",
                "CREATE TABLE other.customers (id INT)", "CREATE VIEW public.big_orders AS SELECT * FROM orders");
        assertThat(listed(db, "table.whitelist", "orders, \"other\".\"customers\""))
                .containsExactly("other.customers", "public.orders");
        assertThat(listed(db, "table.blacklist", "public.orders")).containsExactly("other.customers",
                "public.order_lines");
        assertThat(listed(db, "table.include.list", "public\\.order.*", "table.exclude.list", ".*lines"))
                .containsExactly("public.orders");
        assertThat(listed(db, "schema.pattern", "other")).containsExactly("other.customers");
        assertThat(listed(db, "table.types", "VIEW")).containsExactly("public.big_orders");
    }

    private static List<String> listed(Databases.Db db, String... config) throws Exception {
        JdbcSourceConfig parsed = new JdbcSourceConfig(db.config(config));
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.server().user(), db.server().password())) {
            return TableLister.of(parsed, parsed.dialect()).selected(c).stream()
                    .map(dev.ferry.jdbc.dialect.TableId::qualifiedName).toList();
        }
    }

    @Test
    void theTableMonitorReassignsTablesWhenOneAppearsOrGoesAway() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE first (id INT AUTO_INCREMENT PRIMARY KEY)");
        CountingContext context = new CountingContext();
        JdbcSourceConnector connector = connector(new JdbcSourceConnector(), context);
        connector.start(db.config("mode", "incrementing", "table.poll.interval.ms", "100"));
        try {
            assertThat(connector.taskConfigs(4)).hasSize(1);
            db.execute("CREATE TABLE second (id INT AUTO_INCREMENT PRIMARY KEY)");
            awaitCount(context.reconfigurations, 1);
            assertThat(connector.taskConfigs(4)).extracting(t -> t.get("tables"))
                    .containsExactlyInAnyOrder("`" + db.database() + "`.`first`", "`" + db.database() + "`.`second`");
            db.execute("DROP TABLE first");
            awaitCount(context.reconfigurations, 2);
            assertThat(connector.taskConfigs(4)).extracting(t -> t.get("tables"))
                    .containsExactly("`" + db.database() + "`.`second`");
        } finally {
            connector.stop();
        }
    }

    private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.get()).isEqualTo(expected);
    }

    @Test
    void sameNamedTablesInTwoSchemasAreRefusedSinceTheyWouldShareATopic() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE SCHEMA other", "CREATE TABLE public.users (id INT)", "CREATE TABLE other.users (id INT)");
        JdbcSourceConnector connector = connector(new JdbcSourceConnector(), new CountingContext());
        assertThatThrownBy(() -> connector.start(db.config("mode", "bulk")))
                .hasMessageContaining("[other.users, public.users]").hasMessageContaining("schema.pattern");
        connector.stop();
    }

    @Test
    void theShortNamedConnectorsPinTheirDialectAndAreFoundAsPlugins() {
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.type().getName()).toList())
                .contains(JdbcSourceConnector.class.getName(), MySqlSourceConnector.class.getName(),
                        PostgreSqlSourceConnector.class.getName(), MariaDbSourceConnector.class.getName());
        assertThat(new MariaDbSourceConnector().pinnedDialect()).isEqualTo("MySqlDatabaseDialect");
        assertThat(new PostgreSqlSourceConnector().pinnedDialect()).isEqualTo("PostgreSqlDatabaseDialect");
        assertThat(new JdbcSourceConnector().pinnedDialect()).isNull();
    }
}

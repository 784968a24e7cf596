package dev.ferry.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.db.DatabaseServer;
import dev.ferry.testkit.db.MariaDbServer;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialectTest {
    @TempDir
    static Path logs;
    static PostgresServer postgres;
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(logs.resolve("pg"), "pw-dialect");
        mariadb = MariaDbServer.start(logs.resolve("maria"), "pw-dialect");
        String awkward = "CREATE TABLE %s (id INT PRIMARY KEY, %s VARCHAR(10) NOT NULL, note TEXT)";
        postgres.execute("CREATE SCHEMA shop", awkward.formatted("shop.\"Order \"\"Lines\"\"\"", "\"the value\""),
                "CREATE TABLE public.plain (id SERIAL PRIMARY KEY, a INT)");
        mariadb.execute(awkward.formatted("test.`Order \"Lines\"`", "`the value`"),
                "CREATE TABLE test.plain (id INT AUTO_INCREMENT PRIMARY KEY, a INT)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
        mariadb.close();
    }

    @Test
    void theUrlChoosesTheDialectAndDialectNameOverridesIt() {
        assertThat(Dialects.choose("", "jdbc:postgresql://h/db")).isInstanceOf(PostgreSqlDialect.class);
        assertThat(Dialects.choose(null, "jdbc:mariadb://h/db")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialects.choose("", "jdbc:mysql://h/db")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialects.choose("", "jdbc:sqlite:x.db")).isInstanceOf(GenericDialect.class);
        assertThat(Dialects.choose("GenericDatabaseDialect", "jdbc:postgresql://h/db"))
                .isInstanceOf(GenericDialect.class);
        assertThatThrownBy(() -> Dialects.named("SqlServerDatabaseDialect"))
                .hasMessageContaining("PostgreSqlDatabaseDialect, MySqlDatabaseDialect, GenericDatabaseDialect");
    }

    @Test
    void tableNamesParseWithQuotesAndTwoPartsMeanTheDatabaseOnMysql() {
        assertThat(TableId.parse("shop.\"Order \"\"Lines\"\"\"", false))
                .isEqualTo(new TableId(null, "shop", "Order \"Lines\""));
        assertThat(TableId.parse("`my.db`.users", true)).isEqualTo(new TableId("my.db", null, "users"));
        assertThat(TableId.parse("c.s.t", false).qualifiedName()).isEqualTo("c.s.t");
        assertThatThrownBy(() -> TableId.parse("a..b", false)).hasMessageContaining("empty part");
    }

    @Test
    void identifiersWithQuotesAndSpacesAreQuotedPerDatabase() {
        TableId table = new TableId(null, "shop", "Order \"Lines\"");
        assertThat(new PostgreSqlDialect().qualified(table, QuoteMode.ALWAYS)).isEqualTo("\"shop\".\"Order \"\"Lines\"\"\"");
        assertThat(new MySqlDialect().quote("a`b", QuoteMode.ALWAYS)).isEqualTo("`a``b`");
        assertThat(new PostgreSqlDialect().qualified(TableId.of("plain"), QuoteMode.NEVER)).isEqualTo("plain");
    }

    @Test
    void postgresListsUserTablesFindsThemAndDescribesTheirColumns() throws Exception {
        Dialect dialect = new PostgreSqlDialect();
        try (Connection c = postgres.connect()) {
            assertThat(dialect.tables(c, null, null, List.of("TABLE"))).extracting(TableId::qualifiedName)
                    .contains("postgres.shop.Order \"Lines\"", "postgres.public.plain")
                    .noneMatch(name -> name.contains("pg_catalog") || name.contains("information_schema"));
            TableId awkward = dialect.find(c, new TableId(null, "shop", "order \"lines\"")).orElseThrow();
            // pgjdbc names the current database as every table's catalog
            assertThat(awkward).isEqualTo(new TableId("postgres", "shop", "Order \"Lines\""));
            assertThat(dialect.find(c, TableId.of("PLAIN"))).contains(new TableId("postgres", "public", "plain"));
            assertThat(dialect.find(c, TableId.of("missing"))).isEmpty();
            Map<String, ColumnInfo> columns = dialect.columns(c, awkward);
            assertThat(columns.keySet()).containsExactly("id", "the value", "note");
            assertThat(columns.get("the value").nullable()).isFalse();
            assertThat(columns.get("note").nullable()).isTrue();
            assertThat(dialect.columns(c, new TableId("postgres", "public", "plain")).get("id").autoIncrement()).isTrue();
            assertThat(dialect.primaryKey(c, awkward)).containsExactly("id");
            assertSelectWorks(dialect, c, awkward);
        }
    }

    @Test
    void mariadbListsTablesOfItsDatabaseAsCatalogs() throws Exception {
        Dialect dialect = new MySqlDialect();
        try (Connection c = mariadb.connect()) {
            assertThat(dialect.tables(c, null, null, List.of("TABLE"))).extracting(TableId::qualifiedName)
                    .containsExactlyInAnyOrder("test.Order \"Lines\"", "test.plain");
            TableId plain = dialect.find(c, TableId.of("plain")).orElseThrow();
            assertThat(plain).isEqualTo(new TableId("test", null, "plain"));
            assertThat(dialect.columns(c, plain).get("id").autoIncrement()).isTrue();
            assertSelectWorks(dialect, c, dialect.find(c, TableId.of("Order \"Lines\"")).orElseThrow());
        }
    }

    @Test
    void theDatabaseClockIsReadAsAnInstant() throws Exception {
        for (DatabaseServer server : List.<DatabaseServer>of(postgres, mariadb)) {
            try (Connection c = server.connect()) {
                Timestamp now = Dialects.forUrl(server.jdbcUrl()).currentTimestamp(c);
                assertThat(Duration.between(now.toInstant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aPostgresQueryStreamsInsideATransaction() throws Exception {
        postgres.execute("CREATE TABLE many AS SELECT g AS n FROM generate_series(1, 5000) g");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             PreparedStatement query = new PostgreSqlDialect().streamingQuery(c, "SELECT n FROM many", 100)) {
            assertThat(c.getAutoCommit()).isFalse();
            try (ResultSet rows = query.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(5000);
                assertThat(rows.getFetchSize()).isEqualTo(100);
            }
            c.commit();
        }
    }

    private static void assertSelectWorks(Dialect dialect, Connection c, TableId table) throws Exception {
        Map<String, ColumnInfo> columns = dialect.columns(c, table);
        String select = "SELECT " + String.join(", ", columns.keySet().stream()
                .map(n -> dialect.quote(n, QuoteMode.ALWAYS)).toList()) + " FROM " + dialect.qualified(table, QuoteMode.ALWAYS);
        try (PreparedStatement s = c.prepareStatement(select); ResultSet rows = s.executeQuery()) {
            assertThat(rows.getMetaData().getColumnCount()).isEqualTo(3);
        }
    }
}

package dev.ferry.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.jdbc.dialect.Dialects;
import dev.ferry.testkit.db.MariaDbServer;
import dev.ferry.testkit.db.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionProviderTest {
    private static final String PASSWORD = "pg-Secr3t!";

    @TempDir
    static Path logs;
    static PostgresServer postgres;
    static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start(logs.resolve("pg"), PASSWORD);
        mariadb = MariaDbServer.start(logs.resolve("maria"), PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void connectsToPostgresAndReusesAValidConnection() throws Exception {
        try (ConnectionProvider provider = provider(postgres.jdbcUrl(), PASSWORD, 1)) {
            Connection first = provider.connection();
            assertThat(first.isValid(1)).isTrue();
            assertThat(provider.connection()).isSameAs(first);
            first.close();
            assertThat(provider.connection()).isNotSameAs(first);
        }
    }

    @Test
    void theSeedsMysqlUrlReachesMariaDbThroughTheBundledDriver() throws Exception {
        try (ConnectionProvider provider = provider(mariadb.mysqlUrl(MariaDbServer.DATABASE), PASSWORD, 1)) {
            assertThat(provider.connection().getMetaData().getDatabaseProductVersion()).containsIgnoringCase("mariadb");
        }
    }

    @Test
    void aWrongPasswordFailsAtOnceNamingUserAndHostButNeverThePassword() {
        List<Long> sleeps = new ArrayList<>();
        String wrong = "wrong-Passw0rd";
        ConnectionProvider provider = new ConnectionProvider(new ConnectionSettings(
                postgres.jdbcUrl() + "?password=" + wrong, postgres.user(), wrong, 3, 10), Dialects.forUrl("jdbc:postgresql:"),
                sleeps::add);

        assertThatThrownBy(provider::connection).isInstanceOf(ConnectException.class)
                .hasMessageContaining("refused user 'ferry'").hasMessageContaining("127.0.0.1:" + postgres.port())
                .hasMessageContaining("connection.password")
                .satisfies(e -> assertThat(trace(e)).doesNotContain(wrong));
        assertThat(sleeps).as("a refused sign-in is not retried").isEmpty();
    }

    @Test
    void aUserNamedOnlyInTheUrlIsDescribedAsSuchNotAsNull() {
        ConnectionProvider provider = new ConnectionProvider(new ConnectionSettings(
                postgres.jdbcUrl() + "?user=ferry", null, "not-it-at-all", 1, 1), Dialects.forUrl("jdbc:postgresql:"));

        assertThatThrownBy(provider::connection).hasMessageContaining("refused the user the URL names")
                .hasMessageNotContaining("null");
    }

    @Test
    void aWrongMariaDbPasswordIsASignInFailureToo() {
        assertThatThrownBy(() -> provider(mariadb.jdbcUrl(), "nope-nope", 3).connection())
                .hasMessageContaining("refused user 'ferry'").satisfies(e -> assertThat(trace(e)).doesNotContain("nope-nope"));
    }

    @Test
    void anUnreachableDatabaseIsRetriedThenFailsWithTheUrlWithoutCredentials() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Long> sleeps = new ArrayList<>();
        ConnectionProvider provider = new ConnectionProvider(new ConnectionSettings(
                "jdbc:postgresql://ferry:topsecret@127.0.0.1:" + closedPort + "/db?password=topsecret", "ferry",
                "topsecret", 3, 25), Dialects.forUrl("jdbc:postgresql:"), sleeps::add);

        assertThatThrownBy(provider::connection).isInstanceOf(ConnectException.class)
                .hasMessageContaining("after 3 attempt(s)").hasMessageContaining("jdbc:postgresql://127.0.0.1:" + closedPort + "/db")
                .satisfies(e -> assertThat(trace(e)).doesNotContain("topsecret"));
        assertThat(sleeps).containsExactly(25L, 25L);
    }

    @Test
    void aUrlNoDriverTakesSaysWhichJarToAddAndWhere() {
        assertThatThrownBy(() -> provider("jdbc:sqlserver://db:1433;password=x1y2z3", "x1y2z3", 1).connection())
                .isInstanceOf(ConnectException.class).hasMessageContaining("mssql-jdbc")
                .hasMessageContaining("ferry-jdbc").hasMessageNotContaining("x1y2z3");
    }

    private static ConnectionProvider provider(String url, String password, int attempts) {
        return new ConnectionProvider(new ConnectionSettings(url, "ferry", password, attempts, 1),
                Dialects.forUrl(url));
    }

    private static String trace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.MariaDbServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDBC driver Ferry does not ship, added the way Confluent's users add one: MySQL Connector/J's jar dropped into
 * the JDBC plugin's directory ({@code plugins/ferry-jdbc}) of an installation, then the worker restarted. A
 * {@code jdbc:mysql:} URL is then served by that driver (the worker log names it), not by the bundled MariaDB driver
 * that serves such URLs otherwise, and rows of a real MariaDB server arrive in the topic.
 */
@WithKafka
class JdbcDropInDriverIT {
    private static final String CONNECTOR_J = "com.mysql.cj.jdbc.Driver";

    @TempDir
    Path dir;

    @Test
    void mysqlConnectorJ_droppedIntoThePluginDirectory_servesJdbcMysqlUrls(KafkaBroker broker) throws Exception {
        Path home = installationWithDroppedInDriver(dir.resolve("ferry"), connectorJar());
        broker.createTopic("dropin-users", 1, Map.of());
        try (MariaDbServer mariadb = MariaDbServer.start(dir.resolve("mariadb"), "drop-in-Secret-3")) {
            mariadb.createDatabase("shop");
            JdbcTestSupport.execute(mariadb, "shop",
                    "CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL)",
                    "INSERT INTO users (name) VALUES ('ada'), ('grace')");
            Files.createDirectories(dir.resolve("worker"));
            try (WorkerProcess worker = WorkerProcess.startFrom(home, dir.resolve("worker"),
                    broker.bootstrapServers(), Map.of())) {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("connector.class", "MySqlSourceConnector");
                config.put("connection.url", mariadb.mysqlUrl("shop"));
                config.put("connection.user", mariadb.user());
                config.put("connection.password", mariadb.password());
                config.put("mode", "incrementing");
                config.put("incrementing.column.name", "id");
                config.put("table.whitelist", "users");
                config.put("topic.prefix", "dropin-");
                config.put("poll.interval.ms", "200");
                JdbcTestSupport.create(worker, "dropin-source", config);

                worker.await(Duration.ofSeconds(60), "2 records in dropin-users", () ->
                        JdbcTestSupport.noFailure(worker, "dropin-source")
                                && TopicRecords.read(broker, "dropin-users").size() >= 2);
                List<TopicRecords.Raw> records = TopicRecords.read(broker, "dropin-users");
                assertThat(records).hasSize(2);
                assertThat(new String(records.get(1).value())).contains("grace");
                assertThat(worker.logText()).as("the worker log names the driver that served the URL")
                        .contains("with JDBC driver " + CONNECTOR_J)
                        .doesNotContain("drop-in-Secret-3");
                JsonNode status = worker.json("/connectors/dropin-source/status");
                assertThat(status.path("tasks").get(0).path("state").asText()).isEqualTo("RUNNING");
            }
        }
    }

    /**
     * A Ferry installation as a user would have it after adding a driver: the built distribution's {@code lib} and
     * plugin directories (linked), with {@code plugins/ferry-jdbc} a directory of its own holding the plugin's jars
     * and the dropped-in one.
     */
    private static Path installationWithDroppedInDriver(Path home, Path driverJar) throws IOException {
        Path dist = WorkerProcess.distDir();
        Files.createDirectories(home.resolve("plugins"));
        Files.createSymbolicLink(home.resolve("lib"), dist.resolve("lib"));
        try (Stream<Path> plugins = Files.list(dist.resolve("plugins"))) {
            for (Path plugin : plugins.toList()) {
                Path target = home.resolve("plugins").resolve(plugin.getFileName());
                if (!plugin.getFileName().toString().equals("ferry-jdbc")) {
                    Files.createSymbolicLink(target, plugin);
                    continue;
                }
                Files.createDirectories(target);
                try (Stream<Path> jars = Files.list(plugin)) {
                    for (Path jar : jars.toList()) {
                        Files.createSymbolicLink(target.resolve(jar.getFileName()), jar);
                    }
                }
                Files.copy(driverJar, target.resolve(driverJar.getFileName()));
            }
        }
        return home;
    }

    private static Path connectorJar() throws IOException {
        Path drivers = Path.of(System.getProperty("drop.in.drivers", "target/drop-in-drivers"));
        try (Stream<Path> jars = Files.list(drivers)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("mysql-connector-j")).findFirst()
                    .orElseThrow(() -> new AssertionError("MySQL Connector/J is not in " + drivers
                            + "; ferry-dist's pom copies it there before the integration tests"));
        }
    }
}

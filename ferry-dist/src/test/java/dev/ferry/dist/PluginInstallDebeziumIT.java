package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's promise end to end: {@code ferry plugin install} takes Debezium's PostgreSQL connector from Maven
 * (its {@code tar.gz} plugin archive, and its plain jar with runtime dependencies), lays it out as a plugin folder
 * without the libraries the worker provides, {@code ferry plugin list} shows it as a worker finds it, and a Ferry
 * worker with that folder's directory on {@code plugin.path} runs the connector: a real PostgreSQL table is
 * snapshotted into a real broker's topic. The artifacts come from the local Maven repository when present (ferry-dist
 * already depends on the archive), else from Maven Central.
 */
@WithKafka
class PluginInstallDebeziumIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "3.6.1.Final";
    private static final String PASSWORD = "installer-it-Secret-3";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start(shared.resolve("postgres"), PASSWORD);
        postgres.execute("CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO customers VALUES (1, 'Alice'), (2, 'Bob'), (3, 'Chloé')");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void debeziumPluginArchive_installedFromItsMavenCoordinate_runsInAWorker(KafkaBroker broker) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String coordinate = "io.debezium:debezium-connector-postgres:" + VERSION + ":tar.gz:plugin";

        PluginCli.Result install = PluginCli.ferry(Map.of(), "install", coordinate, "--plugin-dir", plugins.toString());

        assertThat(install.exitCode()).as("%s", install).isZero();
        assertThat(install.out()).contains("Installed debezium-connector-postgres " + VERSION)
                .contains("Left out").contains("kafka-clients-4.3.0.jar").contains("the worker provides them");
        Path folder = plugins.resolve("debezium-connector-postgres");
        assertThat(jarNames(folder)).contains("debezium-connector-postgres-" + VERSION + ".jar",
                        "postgresql-42.7.11.jar")
                .noneMatch(n -> n.startsWith("kafka-clients-") || n.startsWith("connect-api-")
                        || n.startsWith("slf4j-api-"));

        PluginCli.Result again = PluginCli.ferry(Map.of(), "install", coordinate, "--plugin-dir", plugins.toString());
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.out()).contains("already installed").contains("nothing changed");

        PluginCli.Result list = PluginCli.ferry(Map.of(), "list", "--plugin-dir", plugins.toString());
        assertThat(list.exitCode()).as("%s", list).isZero();
        assertThat(list.out()).contains("debezium-connector-postgres  " + VERSION + " from " )
                .containsPattern("source +io\\.debezium\\.connector\\.postgresql\\.PostgresConnector +"
                        + VERSION.replace(".", "\\."))
                .containsPattern("transformation +io\\.debezium\\.transforms\\.ExtractNewRecordState")
                .contains("ServiceLoader manifests: complete");

        assertSnapshotRuns(broker, plugins, "archive");
    }

    @Test
    void plainConnectorJar_installedWithItsRuntimeDependencies_runsInAWorker(KafkaBroker broker) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));

        PluginCli.Result install = PluginCli.ferry(Map.of(), "install",
                "io.debezium:debezium-connector-postgres:" + VERSION, "--plugin-dir", plugins.toString());

        assertThat(install.exitCode()).as("%s", install).isZero();
        assertThat(install.out()).contains("Left out org.apache.kafka:connect-api:");
        assertThat(jarNames(plugins.resolve("debezium-connector-postgres")))
                .contains("debezium-connector-postgres-" + VERSION + ".jar", "debezium-connector-common-" + VERSION
                        + ".jar", "postgresql-42.7.11.jar")
                .noneMatch(n -> n.startsWith("kafka-clients-") || n.startsWith("connect-api-"));

        assertSnapshotRuns(broker, plugins, "jar");
    }

    private static List<String> jarNames(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    /** A worker with {@code plugins} on its plugin path snapshots the three rows into {@code <prefix>.public.customers}. */
    private void assertSnapshotRuns(KafkaBroker broker, Path plugins, String prefix) throws Exception {
        String topic = prefix + ".public.customers";
        broker.createTopic(topic, 1, Map.of());
        Path workerDir = Files.createDirectories(dir.resolve("worker"));
        try (WorkerProcess worker = WorkerProcess.start(workerDir, broker.bootstrapServers(),
                Map.of("plugin.path", plugins.toString(), "plugin.discovery", "service_load"))) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            config.put("tasks.max", "1");
            config.put("database.hostname", "127.0.0.1");
            config.put("database.port", String.valueOf(postgres.port()));
            config.put("database.user", PostgresServer.USER);
            config.put("database.password", PASSWORD);
            config.put("database.dbname", PostgresServer.DATABASE);
            config.put("topic.prefix", prefix);
            config.put("plugin.name", "pgoutput");
            config.put("slot.name", "installer_" + prefix);
            config.put("publication.name", "installer_" + prefix);
            config.put("publication.autocreate.mode", "filtered");
            config.put("table.include.list", "public.customers");
            var created = worker.post("/connectors", JSON.writeValueAsString(Map.of("name", "pg-" + prefix,
                    "config", config)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            worker.await(Duration.ofSeconds(60), "3 snapshot records in " + topic, () -> {
                var task = worker.json("/connectors/pg-" + prefix + "/status").path("tasks").path(0);
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new AssertionError("Debezium's task failed: " + task.path("trace").asText());
                }
                return TopicRecords.read(broker, topic).size() >= 3;
            });
            List<String> values = TopicRecords.read(broker, topic).stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            assertThat(values).hasSize(3);
            assertThat(String.join("\n", values)).contains("name=Alice", "name=Bob", "name=Chloé", "op=r");
            assertThat(worker.stop()).isZero();
        }
    }
}

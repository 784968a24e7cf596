package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry dev}, the project's main job, run as a user runs it: its embedded broker, registry and worker come
 * up, the sample pipeline's lines come back through Avro as structs, the registry holds the pipeline's subject,
 * a connector from {@code --plugin-path} (Debezium's PostgreSQL plugin, unpacked as a user installs it) is there
 * to try, and Ctrl-C (SIGTERM here) stops everything with exit code 0.
 */
class DevCommandIT {
    @TempDir
    Path dir;

    @Test
    void ferryDev_echoesTheSamplePipelinesAvroRecords_offersPluginsFromPluginPath_andStopsCleanly() throws Exception {
        Path dist = WorkerProcess.distDir();
        int restPort = WorkerProcess.freePort();
        int registryPort = WorkerProcess.freePort();
        Path log = dir.resolve("dev.log");
        Process dev = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dferry.home=" + dist, "-cp", dist.resolve("lib") + "/*", "dev.ferry.cli.Main", "dev",
                "--dir", dir.resolve("work").toString(), "--port", Integer.toString(restPort),
                "--registry-port", Integer.toString(registryPort), "--lines-per-second", "20",
                "--plugin-path", System.getProperty("debezium.plugin.path")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(90), "records echoed by ferry dev", () -> {
                if (!dev.isAlive()) {
                    throw new AssertionError("ferry dev exited with " + dev.exitValue() + ":\n" + WorkerProcess.logText(log));
                }
                return WorkerProcess.logText(log).contains("record -> Struct{line=hello #3 from ferry dev");
            });
            assertThat(WorkerProcess.logText(log)).contains("registry: http://localhost:" + registryPort)
                    .contains("record -> Struct{line=hello #1 from ferry dev").contains(",via=ferry}");
            HttpResponse<String> subject = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + registryPort + "/subjects/ferry-dev-value/versions/latest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(subject.statusCode()).isEqualTo(200);
            assertThat(subject.body()).contains("\"version\":1").contains("\\\"name\\\":\\\"line\\\"");
            assertThat(WorkerProcess.logText(log)).contains("plugins:  " + System.getProperty("debezium.plugin.path"));
            assertThat(new ConnectRest(restPort).get("/connector-plugins").body())
                    .contains("io.debezium.connector.postgresql.PostgresConnector");
        } finally {
            dev.destroy();
            if (!dev.waitFor(60, TimeUnit.SECONDS)) {
                dev.destroyForcibly();
                throw new AssertionError("ferry dev did not stop within 60 s of SIGTERM:\n" + WorkerProcess.logText(log));
            }
        }
        assertThat(dev.exitValue()).as(WorkerProcess.logText(log)).isZero();
        assertThat(WorkerProcess.logText(log)).contains("ferry dev: stopped.");
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret that reaches a connector through a config provider never appears in the worker's log,
 * in its stored connector configs, or in what the REST API shows: those keep the
 * {@code ${file:...}} reference, and the value is resolved only inside the running instance. A
 * reference to a provider the worker lacks is refused on create (400); one to a key the provider
 * lacks fails the connector with the reason; neither shows the secrets that did resolve.
 */
@WithKafka
class SecretsIT {
    private static final String SECRET = "s3cr3t-Value-42";

    @TempDir
    Path dir;

    @Test
    void aProviderSecret_isNeverLoggedStoredOrShown(KafkaBroker broker) throws Exception {
        broker.createTopic("secrets", 1, Map.of());
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "password=" + SECRET + "\n");
        String reference = "${file:" + secrets + ":password}";
        Map<String, String> worker = Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        try (WorkerProcess process = WorkerProcess.start(dir, broker.bootstrapServers(), worker)) {
            String config = """
                    {"connector.class": "FileStreamSink", "topics": "secrets", "file": "%s",
                     "tasks.max": "2", "db.password": "%s"}""".formatted(dir.resolve("out.txt"), reference);
            assertThat(process.put("/connectors/with-secret/config", config).statusCode()).isEqualTo(201);
            process.awaitState("with-secret", "RUNNING", 2, Duration.ofSeconds(30));

            assertThat(process.json("/connectors/with-secret/config").path("db.password").asText()).isEqualTo(reference);
            assertThat(process.get("/connectors/with-secret/tasks").body()).contains(reference).doesNotContain(SECRET);
            assertThat(process.get("/connectors?expand=info&expand=status").body()).doesNotContain(SECRET);

            // Fault catalogue: references that cannot be resolved are refused, never used as literal text.
            HttpResponse<String> unknownProvider = process.put("/connectors/unknown-provider/config", """
                    {"connector.class": "FileStreamSink", "topics": "secrets", "file": "%s",
                     "db.password": "%s", "db.token": "${vault:secret/db:token}"}""".formatted(dir.resolve("o2.txt"),
                    reference));
            assertThat(unknownProvider.statusCode()).isEqualTo(400);
            assertThat(unknownProvider.body()).contains("Setting 'db.token' refers to ${vault:secret/db:token}, but "
                    + "this worker has no config provider named 'vault' (config.providers is 'file').")
                    .doesNotContain(SECRET);
            assertThat(process.put("/connectors/missing-key/config", """
                    {"connector.class": "FileStreamSink", "topics": "secrets", "file": "%s",
                     "db.password": "%s", "db.user": "${file:%s:user}"}""".formatted(dir.resolve("o3.txt"), reference,
                    secrets)).statusCode()).as("keys are judged by the worker that runs the connector").isEqualTo(201);
            JsonNode failed = process.awaitState("missing-key", "FAILED", 0, Duration.ofSeconds(30));
            assertThat(failed.path("connector").path("trace").asText())
                    .contains("Setting 'db.user' refers to ${file:" + secrets + ":user}, but config provider 'file' has "
                            + "no key 'user' at path '" + secrets + "' on this worker.")
                    .doesNotContain(SECRET);
            assertThat(process.stop()).isZero();
            assertThat(process.logText()).as("the worker log").doesNotContain(SECRET);
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(secrets)).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as("%s", file).doesNotContain(SECRET);
            }
        }
    }
}

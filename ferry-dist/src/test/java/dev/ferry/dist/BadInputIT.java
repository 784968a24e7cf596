package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a clear error that names the problem, and the worker keeps serving: a malformed
 * connector file, an unknown connector class, a missing required config, an invalid value, a
 * malformed request body, an unknown connector, and a broker that is not there at start (readiness
 * 503 with the reason until it comes up).
 */
@WithKafka
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void malformedConnectorFile_isReported_andTheOtherConnectorsRun(KafkaBroker broker) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": \"broken\", \"config\": {");
        Path good = Files.writeString(dir.resolve("good.properties"), String.join("\n",
                "name=good-source", "connector.class=FileStreamSource", "file=" + dir.resolve("in.txt"), "topic=bad-input"));
        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of(), broken, good)) {
            worker.awaitState("good-source", "RUNNING", 1, Duration.ofSeconds(30));
            assertThat(worker.logText()).contains(broken.toString()).contains("not valid JSON");
            assertThat(worker.stop()).isZero();
        }
    }

    @Test
    void badConnectorConfigs_getA400NamingTheProblem_andNothingIsCreated(KafkaBroker broker) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of())) {
            HttpResponse<String> unknown = worker.post("/connectors",
                    "{\"name\":\"x\",\"config\":{\"connector.class\":\"FileStreamSorce\",\"topic\":\"t\"}}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(message(unknown)).contains("FileStreamSorce").contains("FileStreamSource");

            HttpResponse<String> missing = worker.post("/connectors",
                    "{\"name\":\"y\",\"config\":{\"connector.class\":\"FileStreamSource\"}}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(message(missing)).contains("topic");

            HttpResponse<String> invalid = worker.post("/connectors",
                    "{\"name\":\"z\",\"config\":{\"connector.class\":\"FileStreamSource\",\"topic\":\"t\",\"tasks.max\":\"0\"}}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(message(invalid)).contains("Invalid value 0 for configuration tasks.max");

            HttpResponse<String> malformed = worker.post("/connectors", "{\"name\": \"w\", \"config\": ");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(message(malformed)).isNotBlank();

            // The exact texts people meet most, pinned so that they stay one clean sentence each (issue 15)
            assertThat(message(unknown).replace(WorkerProcess.distDir().toString(), "FERRY_HOME")).isEqualTo(
                    "Failed to find any class that implements Connector and whose name or alias matches 'FileStreamSorce'. "
                    + "Closest matches: FileStreamSourceConnector (org.apache.kafka.connect.file.FileStreamSourceConnector), "
                    + "FileStreamSinkConnector (org.apache.kafka.connect.file.FileStreamSinkConnector). Searched plugin.path "
                    + "[], the bundled plugin path [FERRY_HOME/plugins] and the worker classpath. Correct the name (a full "
                    + "class name or an alias), or install the plugin as a directory or uber jar inside a plugin.path "
                    + "directory and restart the worker.");
            // Apache's words and layout, so clients that parse them keep working
            assertThat(message(missing)).isEqualTo("Connector configuration is invalid and contains the following 1 "
                    + "error(s):\nMissing required configuration \"topic\" which has no default value.\nYou can also find the "
                    + "above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
            assertThat(message(invalid)).isEqualTo("Connector configuration is invalid and contains the following 1 "
                    + "error(s):\nInvalid value 0 for configuration tasks.max: Value must be at least 1\nYou can also find "
                    + "the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
            assertThat(message(malformed)).isEqualTo("The request body is not valid JSON at line 1, column 25: Unexpected "
                    + "end-of-input within/between Object entries. Send a JSON object, e.g. "
                    + "{\"name\":\"my-connector\",\"config\":{\"connector.class\":\"…\"}}");
            HttpResponse<String> absent = worker.get("/connectors/nope/status");
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(message(absent)).isEqualTo("No status found for connector nope");
            HttpResponse<String> absentConfig = worker.get("/connectors/nope");
            assertThat(absentConfig.statusCode()).isEqualTo(404);
            assertThat(message(absentConfig)).isEqualTo("Connector nope not found");
            assertThat(List.of(message(unknown), message(malformed)))
                    .noneMatch(m -> m.contains("..") || m.matches("(?s).*[a-z0-9] (Fix|Check) .*"));

            assertThat(worker.get("/connectors").body()).isEqualTo("[]");
            assertThat(worker.stop()).isZero();
        }
    }

    @Test
    void unreachableBroker_isReported_readinessSays503WithTheReason_andTurns200WhenItComesUp() throws Exception {
        try (KafkaBroker late = KafkaBroker.builder().build().start()) {
            String address = late.bootstrapServers();
            late.stop();
            try (WorkerProcess worker = WorkerProcess.start(dir, address, Map.of(), connectorFile())) {
                assertThat(worker.get("/").statusCode()).isEqualTo(200);
                assertThat(worker.get("/connector-plugins").statusCode()).isEqualTo(200);
                WorkerProcess.awaitUntil(Duration.ofSeconds(60), "a log line naming the unreachable broker",
                        () -> worker.logText().contains("Cannot reach Kafka at bootstrap.servers=" + address));
                // after the 15 s grace: not ready, with the reason; still alive; the running task says why it is stuck
                WorkerProcess.awaitUntil(Duration.ofSeconds(40), "/health/ready 503",
                        () -> worker.get("/health/ready").statusCode() == 503);
                assertThat(message(worker.get("/health/ready")))
                        .startsWith("Cannot reach Kafka at bootstrap.servers=" + address + " for ");
                assertThat(worker.get("/health/live").statusCode()).isEqualTo(200);
                JsonNode task = worker.json("/connectors/late-source/status").path("tasks").path(0);
                assertThat(task.path("state").asText()).isEqualTo("RUNNING");
                assertThat(task.path("trace").asText()).startsWith("Not making progress: Cannot reach Kafka");

                late.restart();
                WorkerProcess.awaitUntil(Duration.ofSeconds(30), "/health/ready 200 once Kafka answers",
                        () -> worker.get("/health/ready").statusCode() == 200);
                assertThat(worker.json("/connectors/late-source/status").path("tasks").path(0).has("trace")).isFalse();
                assertThat(worker.stop()).isZero();
            }
        }
    }

    private Path connectorFile() throws Exception {
        return Files.writeString(dir.resolve("late.properties"), String.join("\n", "name=late-source",
                "connector.class=FileStreamSource", "file=" + dir.resolve("late.txt"), "topic=late"));
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").asText();
    }
}

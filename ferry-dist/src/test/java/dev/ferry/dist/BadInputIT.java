package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Bad input gets a clear error that names the problem, and the worker keeps serving: a malformed
 * connector file, an unknown connector class, a missing required config, an invalid value, a
 * malformed request body, and a broker that is not there at start.
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

            assertThat(worker.get("/connectors").body()).isEqualTo("[]");
            assertThat(worker.stop()).isZero();
        }
    }

    @Test
    void unreachableBrokerAtStart_isReported_andRestKeepsServing() throws Exception {
        int nobody = WorkerProcess.freePort();
        try (WorkerProcess worker = WorkerProcess.start(dir, "127.0.0.1:" + nobody, Map.of())) {
            assertThat(worker.get("/").statusCode()).isEqualTo(200);
            assertThat(worker.get("/connector-plugins").statusCode()).isEqualTo(200);
            WorkerProcess.awaitUntil(Duration.ofSeconds(60), "a log line naming the unreachable broker",
                    () -> worker.logText().contains("Cannot reach Kafka at bootstrap.servers=127.0.0.1:" + nobody));
            assertThat(worker.get("/").statusCode()).isEqualTo(200);
            assertThat(worker.stop()).isZero();
        }
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").asText();
    }
}

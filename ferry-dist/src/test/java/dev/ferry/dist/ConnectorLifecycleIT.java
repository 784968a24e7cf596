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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector's life over REST: create, pause, resume, stop, read and change its offsets while
 * stopped, restart, survive a worker restart, delete. Uses Apache's FileStreamSource, whose
 * offsets are {@code {"position": <bytes>}} per file. It runs on a standalone worker and on a
 * two-worker distributed cluster, where every request goes to the follower (which forwards
 * what only the leader may do) and the offsets live in the offsets topic.
 */
@WithKafka
class ConnectorLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "distributed"})
    void connectorLifecycle_overRest_matchesApacheSemantics(String mode, KafkaBroker broker) throws Exception {
        String topic = "lifecycle-" + mode;
        broker.createTopic(topic, 1, Map.of());
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        String config = """
                {"connector.class": "FileStreamSource", "file": "%s", "topic": "%s"}""".formatted(input, topic);

        try (WorkerProcess leader = mode.equals("distributed") ? startDistributed("leader", broker) : null;
             WorkerProcess worker = mode.equals("distributed") ? startDistributed("follower", broker)
                     : WorkerProcess.start(dir, broker.bootstrapServers(), Map.of())) {
            HttpResponse<String> created = worker.put("/connectors/src/config", config);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + worker.port + "/connectors/src");
            assertThat(worker.put("/connectors/src/config", config).statusCode()).isEqualTo(200);
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));
            worker.await(Duration.ofSeconds(30), "the source offset of the whole file", () ->
                    worker.json("/connectors/src/offsets").path("offsets").path(0).path("offset").path("position").asLong() == 14);

            assertThat(worker.put("/connectors/src/pause", "").statusCode()).isEqualTo(202);
            worker.awaitState("src", "PAUSED", 1, Duration.ofSeconds(30));
            assertThat(worker.put("/connectors/src/resume", "").statusCode()).isEqualTo(202);
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));

            HttpResponse<String> whileRunning = worker.patch("/connectors/src/offsets",
                    "{\"offsets\":[{\"partition\":{\"filename\":\"" + input + "\"},\"offset\":{\"position\":4}}]}");
            assertThat(whileRunning.statusCode()).isEqualTo(400);
            assertThat(message(whileRunning)).contains("STOPPED").contains("/connectors/src/stop");

            assertThat(worker.put("/connectors/src/stop", "").statusCode()).isEqualTo(204);
            worker.await(Duration.ofSeconds(30), "src STOPPED with no tasks", () -> {
                JsonNode status = worker.json("/connectors/src/status");
                return "STOPPED".equals(status.path("connector").path("state").asText()) && status.path("tasks").isEmpty();
            });
            assertThat(worker.json("/connectors/src/tasks")).isEmpty();

            JsonNode offsets = worker.json("/connectors/src/offsets");
            assertThat(offsets.path("offsets")).hasSize(1);
            assertThat(offsets.path("offsets").path(0).path("partition").path("filename").asText()).isEqualTo(input.toString());

            HttpResponse<String> altered = worker.patch("/connectors/src/offsets",
                    "{\"offsets\":[{\"partition\":{\"filename\":\"" + input + "\"},\"offset\":{\"position\":4}}]}");
            assertThat(altered.statusCode()).as(altered.body()).isEqualTo(200);
            assertThat(message(altered)).contains("altered successfully");
            assertThat(worker.json("/connectors/src/offsets").path("offsets").path(0).path("offset").path("position").asLong())
                    .isEqualTo(4);

            HttpResponse<String> reset = worker.delete("/connectors/src/offsets");
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
            assertThat(message(reset)).contains("reset successfully");
            assertThat(worker.json("/connectors/src/offsets").path("offsets")).isEmpty();

            assertThat(worker.put("/connectors/src/resume", "").statusCode()).isEqualTo(202);
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));

            HttpResponse<String> restart = worker.post("/connectors/src/restart?includeTasks=true", "");
            assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
            assertThat(JSON.readTree(restart.body()).path("connector").path("state").asText()).isEqualTo("RESTARTING");
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));
            assertThat(worker.post("/connectors/src/restart", "").statusCode()).isEqualTo(204);
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));
            assertThat(worker.post("/connectors/src/tasks/0/restart", "").statusCode()).isEqualTo(204);
            assertThat(worker.post("/connectors/src/tasks/7/restart", "").statusCode()).isEqualTo(404);

            // Beyond Apache: connectors made over REST survive a restart of the worker.
            assertThat(worker.stop()).isZero();
            worker.launch();
            worker.awaitState("src", "RUNNING", 1, Duration.ofSeconds(30));
            assertThat(worker.json("/connectors/src/config").path("file").asText()).isEqualTo(input.toString());

            assertThat(worker.delete("/connectors/src").statusCode()).isEqualTo(204);
            assertThat(worker.get("/connectors/src").statusCode()).isEqualTo(404);
            assertThat(worker.get("/connectors").body()).isEqualTo("[]");
            assertThat(worker.stop()).isZero();
        }
    }

    /** Workers join in order, so the first one started leads the group. */
    private WorkerProcess startDistributed(String name, KafkaBroker broker) throws Exception {
        WorkerProcess worker = WorkerProcess.startDistributed(dir.resolve(name), broker.bootstrapServers(),
                "lifecycle-cluster", Map.of());
        worker.await(Duration.ofSeconds(60), name + " joined the group",
                () -> worker.json("/health").path("status").asText().equals("healthy"));
        return worker;
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").asText();
    }
}

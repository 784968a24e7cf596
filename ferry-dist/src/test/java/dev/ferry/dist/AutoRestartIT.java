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
 * Ferry's restart policy end to end, with no REST restart: a FileStreamSink task whose output
 * directory does not exist fails at start; one whose directory appears after its second failure
 * runs again on the next automatic attempt, one whose directory never appears is left FAILED
 * after the maximum, its trace saying so, and the attempts are in {@code /metrics}. A bad policy
 * value is refused at create.
 */
@WithKafka
class AutoRestartIT {

    @TempDir
    Path dir;

    @Test
    void failedTasks_areRestartedWithBackoff_untilTheyRunOrTheMaximumIsReached(KafkaBroker broker) throws Exception {
        broker.createTopic("auto-restart", 1, Map.of());
        Path healing = dir.resolve("appears-later");
        Path broken = dir.resolve("never-there");
        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of())) {
            HttpResponse<String> invalid = worker.put("/connectors/bad-policy/config", sink(dir.resolve("x.txt"), "many"));
            assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
            assertThat(invalid.body()).contains("ferry.restart.max.attempts");

            assertThat(worker.put("/connectors/healing/config", sink(healing.resolve("out.txt"), "5")).statusCode())
                    .isEqualTo(201);
            assertThat(worker.put("/connectors/broken/config", sink(broken.resolve("out.txt"), "2")).statusCode())
                    .isEqualTo(201);

            worker.await(Duration.ofSeconds(30), "the healing task's second automatic attempt is scheduled",
                    () -> trace(worker, "healing").contains("attempt 2 of 5"));
            Files.createDirectories(healing);
            worker.awaitState("healing", "RUNNING", 1, Duration.ofSeconds(30));

            worker.await(Duration.ofSeconds(30), "the broken task given up",
                    () -> trace(worker, "broken").contains("gave up after 2 attempt(s)"));
            JsonNode status = worker.json("/connectors/broken/status").path("tasks").path(0);
            assertThat(status.path("state").asText()).isEqualTo("FAILED");
            assertThat(status.path("trace").asText()).contains("NoSuchFileException");
            String metrics = worker.get("/metrics").body();
            assertThat(metrics).containsPattern(
                    "kafka_connect_auto_restart_attempts\\{[^}]*connector=\"broken\"[^}]*task=\"0\"[^}]*} 2(\\.0)?\n");
            assertThat(metrics).containsPattern(
                    "kafka_connect_auto_restart_next_attempt_time_ms\\{[^}]*connector=\"broken\"[^}]*} -1(\\.0)?\n");
            Thread.sleep(1500);
            assertThat(worker.json("/connectors/broken/status").path("tasks").path(0).path("state").asText())
                    .as("no more attempts after the maximum").isEqualTo("FAILED");
        }
    }

    private static String sink(Path file, String maxAttempts) {
        return """
                {"connector.class": "FileStreamSink", "topics": "auto-restart", "file": "%s",
                 "ferry.restart.enabled": "true", "ferry.restart.max.attempts": "%s",
                 "ferry.restart.backoff.initial.ms": "300", "ferry.restart.backoff.max.ms": "2000"}"""
                .formatted(file, maxAttempts);
    }

    private static String trace(WorkerProcess worker, String connector) {
        return worker.json("/connectors/" + connector + "/status").path("tasks").path(0).path("trace").asText();
    }
}

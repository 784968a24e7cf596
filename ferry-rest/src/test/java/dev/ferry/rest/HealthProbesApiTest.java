package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder.WorkerHealth;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ferry's liveness and readiness probes, beside Apache's {@code /health}. */
class HealthProbesApiTest {
    private final TestServer server = new TestServer(Fixtures.herder(),
            RestSettings.fromWorkerConfig(TestServer.localConfig()).withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)),
            null);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthyWorker_isLiveAndReady() {
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void startingWorker_isLiveButNotReady() {
        server.herder.health = new WorkerHealth("starting", "Worker is still starting up: it has not joined the group.");
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        var ready = server.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"starting\"").contains("has not joined the group");
    }

    @Test
    void workerThatCannotReadItsStores_isLiveButNotReady() {
        server.herder.health = new WorkerHealth("unhealthy", "Could not read the config topic 'c': timeout");
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void unresponsiveHerder_isNeitherLiveNorReady() {
        server.herder.hang = true;
        assertThat(server.get("/health/live").statusCode()).isEqualTo(503);
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
    }
}

package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.worker.fixtures.ContextProbeSinkConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle connector holds no thread (issue 15 item 3: a thread's stack was a third of a one-task
 * connector's memory): its {@code connector-thread-<name>} leaves once the connector has had no
 * calls for a while, and the next call, here a pause and a resume, gets a thread again and still
 * runs in order.
 */
class IdleConnectorThreadTest {
    @TempDir
    Path dir;

    @Test
    void theConnectorThreadLeavesWhenIdleAndComesBackForTheNextCall() {
        RecordingStatusListener listener = new RecordingStatusListener();
        try (Metrics metrics = new Metrics()) {
            ConnectorRunner runner = new ConnectorRunner("idle", new ContextProbeSinkConnector(),
                    Map.of("report", dir.resolve("report").toString()), true, getClass().getClassLoader(), listener,
                    new PluginMetricsImpl(metrics, new java.util.LinkedHashMap<>(Map.of("connector", "idle"))), null, 100);
            runner.start(TargetState.STARTED);
            listener.awaitConnector("idle", State.RUNNING);
            Await.until(() -> !connectorThreadAlive(), Duration.ofSeconds(10),
                    () -> "connector-thread-idle to leave once the connector is idle");

            runner.transitionTo(TargetState.PAUSED);
            listener.awaitConnector("idle", State.PAUSED);
            runner.transitionTo(TargetState.STARTED);
            listener.awaitConnector("idle", State.RUNNING);
            assertThat(runner.shutdown(10_000)).isTrue();
            listener.awaitConnector("idle", State.UNASSIGNED);
        }
    }

    private static boolean connectorThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("connector-thread-idle"));
    }
}

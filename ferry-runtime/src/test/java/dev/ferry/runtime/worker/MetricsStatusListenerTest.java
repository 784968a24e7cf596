package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Task reports pass through {@link MetricsStatusListener} on their way to the herder, so the
 * per-connector counts change with the same report the herder stores: the report that ends a
 * restart (RUNNING, FAILED) also ends the task's count as restarting.
 */
class MetricsStatusListenerTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("listened", 0);

    private final ConnectMetrics metrics = ConnectMetrics.withDefaults("listener-worker", Time.SYSTEM);
    private final WorkerMetrics workerMetrics = new WorkerMetrics(metrics);
    private final RecordingStatusListener herder = new RecordingStatusListener();
    private final MetricsStatusListener listener = new MetricsStatusListener(herder, workerMetrics);

    @AfterEach
    void close() {
        workerMetrics.close();
        metrics.close();
    }

    @Test
    void runningReportOfARestartedTask_reachesTheHerder_andEndsItsRestartingCount() {
        workerMetrics.taskStarting(TASK, false);
        listener.taskState(TASK, State.RUNNING, null);
        listener.taskState(TASK, State.UNASSIGNED, null);
        workerMetrics.taskStopped(TASK);
        metrics.restartingTasks().add(TASK);
        workerMetrics.taskStarting(TASK, false);
        assertThat(count("restarting")).isEqualTo(1L);

        listener.taskState(TASK, State.RUNNING, null);

        herder.awaitTask(TASK, State.RUNNING);
        assertThat(count("restarting")).isZero();
        assertThat(count("running")).isEqualTo(1L);
    }

    @Test
    void failureOfARestartedTask_reachesTheHerder_andCountsAsFailed() {
        workerMetrics.taskStarting(TASK, false);
        metrics.restartingTasks().add(TASK);

        listener.taskState(TASK, State.FAILED, new IllegalStateException("broken"));

        assertThat(herder.taskFailure(TASK)).hasMessage("broken");
        assertThat(count("restarting")).isZero();
        assertThat(count("failed")).isEqualTo(1L);
    }

    private long count(String state) {
        MetricName name = metrics.registry().metricName("connector-" + state + "-task-count",
                "connect-worker-metrics", "", Map.of("connector", TASK.connector()));
        return (Long) metrics.registry().metric(name).metricValue();
    }
}

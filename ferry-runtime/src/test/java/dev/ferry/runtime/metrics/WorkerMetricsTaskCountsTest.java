package dev.ferry.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-connector task counts of {@code connect-worker-metrics,connector=<c>}: every task here
 * counts in exactly one of running, paused, failed, unassigned and restarting, as Apache 4.3.1
 * counts the statuses of a worker's tasks; restarting comes only from the herder's mark and lasts
 * until the new instance reports; destroyed never counts.
 */
class WorkerMetricsTaskCountsTest {
    private static final List<String> STATES = List.of("running", "paused", "failed", "unassigned", "restarting",
            "destroyed");
    private static final String CONNECTOR = "counts";
    private static final ConnectorTaskId TASK_0 = new ConnectorTaskId(CONNECTOR, 0);
    private static final ConnectorTaskId TASK_1 = new ConnectorTaskId(CONNECTOR, 1);

    private final ConnectMetrics metrics = ConnectMetrics.withDefaults("task-counts-worker", Time.SYSTEM);
    private final WorkerMetrics worker = new WorkerMetrics(metrics);

    @AfterEach
    void close() {
        worker.close();
        metrics.close();
    }

    @Test
    void restartRequest_countsTheTaskAsRestarting_fromTheMarkUntilItsNewInstanceReportsRunning() {
        runTasks(TASK_0, TASK_1);

        // The herder's order: stop (the old instance reports UNASSIGNED), mark RESTARTING, start.
        worker.taskStateChanged(TASK_0, State.UNASSIGNED);
        worker.taskStopped(TASK_0);
        metrics.restartingTasks().add(TASK_0);
        worker.taskStarting(TASK_0, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("running", 1L, "restarting", 1L)));

        worker.taskStateChanged(TASK_0, State.RUNNING);

        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("running", 2L)));
    }

    @Test
    void restartRequest_endsInFailed_whenTheNewInstanceFails() {
        runTasks(TASK_0);
        worker.taskStopped(TASK_0);
        metrics.restartingTasks().add(TASK_0);
        worker.taskStarting(TASK_0, false);

        worker.taskStateChanged(TASK_0, State.FAILED);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("failed", 1L)));
    }

    @Test
    void restartRequest_ofAllTasks_registersTheGroupAgain_withEveryStartedTaskRestarting() {
        runTasks(TASK_0, TASK_1);
        worker.taskStopped(TASK_0);
        worker.taskStopped(TASK_1);
        assertThat(counts()).as("no task of the connector runs here").isEmpty();

        metrics.restartingTasks().add(TASK_0);
        metrics.restartingTasks().add(TASK_1);
        worker.taskStarting(TASK_0, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("restarting", 1L)));

        worker.taskStarting(TASK_1, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("restarting", 2L)));
    }

    @Test
    void plainTaskRestart_countsTheNewInstanceAsUnassigned_untilItReports() {
        runTasks(TASK_0);
        worker.taskStateChanged(TASK_0, State.FAILED);
        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("failed", 1L)));

        // POST /connectors/{c}/tasks/0/restart and the auto-restarter: stop and start, no RESTARTING.
        worker.taskStateChanged(TASK_0, State.UNASSIGNED);
        worker.taskStopped(TASK_0);
        worker.taskStarting(TASK_0, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("unassigned", 1L)));

        worker.taskStateChanged(TASK_0, State.RUNNING);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("running", 1L)));
    }

    @Test
    void pausedTasks_countAsPaused_andARestartedPausedTaskIsRestartingUntilItReportsPaused() {
        runTasks(TASK_0, TASK_1);
        worker.taskStateChanged(TASK_1, State.PAUSED);
        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("running", 1L, "paused", 1L)));

        worker.taskStopped(TASK_1);
        metrics.restartingTasks().add(TASK_1);
        worker.taskStarting(TASK_1, false);
        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("running", 1L, "restarting", 1L)));

        worker.taskStateChanged(TASK_1, State.PAUSED);
        assertThat(counts()).containsExactlyEntriesOf(expected(2, Map.of("running", 1L, "paused", 1L)));
    }

    @Test
    void deletion_neverCountsDestroyed_andTheGroupGoesWithTheConnectorsLastTask() {
        runTasks(TASK_0, TASK_1);

        worker.taskStateChanged(TASK_0, State.UNASSIGNED);
        worker.taskStopped(TASK_0);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("running", 1L)));

        worker.taskStateChanged(TASK_1, State.UNASSIGNED);
        worker.taskStopped(TASK_1);

        assertThat(counts()).isEmpty();
    }

    @Test
    void restartMark_ofATaskThatDoesNotStartAgain_isForgottenOnceTheConnectorHasNoTaskHere() {
        runTasks(TASK_0);
        metrics.restartingTasks().add(TASK_1);
        worker.taskStopped(TASK_0);

        worker.taskStarting(TASK_1, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("unassigned", 1L)));
    }

    @Test
    void countsOfOneConnector_ignoreTheTasksAndMarksOfAnother() {
        ConnectorTaskId other = new ConnectorTaskId("counts-other", 0);
        runTasks(TASK_0, other);
        worker.taskStopped(other);
        metrics.restartingTasks().add(other);
        worker.taskStarting(other, false);

        assertThat(counts()).containsExactlyEntriesOf(expected(1, Map.of("running", 1L)));
        assertThat(counts("counts-other")).containsExactlyEntriesOf(expected(1, Map.of("restarting", 1L)));
    }

    private void runTasks(ConnectorTaskId... ids) {
        for (ConnectorTaskId id : ids) {
            worker.taskStarting(id, false);
            worker.taskStateChanged(id, State.RUNNING);
        }
    }

    /** Total and per-state counts in {@link #STATES} order; every state not named is 0. */
    private static Map<String, Long> expected(long total, Map<String, Long> nonZero) {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("total", total);
        STATES.forEach(state -> expected.put(state, nonZero.getOrDefault(state, 0L)));
        return expected;
    }

    private Map<String, Long> counts() {
        return counts(CONNECTOR);
    }

    /** The connector's task counts as registered now; empty when its group is not registered. */
    private Map<String, Long> counts(String connector) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Long total = count(connector, "total");
        if (total == null) {
            return counts;
        }
        counts.put("total", total);
        STATES.forEach(state -> counts.put(state, count(connector, state)));
        return counts;
    }

    private Long count(String connector, String which) {
        MetricName name = metrics.registry().metricName("connector-" + which + "-task-count",
                "connect-worker-metrics", "", Map.of("connector", connector));
        KafkaMetric metric = metrics.registry().metric(name);
        return metric == null ? null : (Long) metric.metricValue();
    }
}

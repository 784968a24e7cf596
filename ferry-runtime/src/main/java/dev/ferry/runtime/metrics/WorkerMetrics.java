package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Frequencies;

/**
 * The {@code connect-worker-metrics} group, and the registry of the connector and task groups of
 * what runs on this worker.
 *
 * <p>Worker level: {@code connector-count}, {@code task-count} (instances running here) and the
 * start-up counters. A start-up is an attempt that ends either in success, when the instance
 * first reports RUNNING, PAUSED or STOPPED, or in failure, when it reports FAILED before that
 * (including failures to create it at all).
 *
 * <p>Per connector ({@code connector=<name>} tag, registered when the first of its tasks starts
 * here and unregistered when the last one stops): {@code connector-total-task-count}, its tasks
 * here, and for each state the number of them whose status is that state, as Apache 4.3.1
 * counts them (its worker maps each local task to the status the herder holds for it). So every
 * task here is in exactly one of running, paused, failed, unassigned and restarting:
 * <ul>
 *   <li>the state its instance last reported, starting from unassigned until its first report;</li>
 *   <li>restarting instead, from the herder's RESTARTING mark ({@link RestartingTasks}: a restart
 *       request with {@code includeTasks}) until the new instance's first report. A plain task
 *       restart, and so an automatic one, sets no mark: the new instance counts as unassigned
 *       until it reports;</li>
 *   <li>destroyed never, as in Apache: no task's status is ever DESTROYED, because deleting a
 *       task's status removes it from the status store (a tombstone in distributed mode), and
 *       deleting a connector stops its tasks here, so its group disappears instead.</li>
 * </ul>
 *
 * <p>Thread contract: thread-safe. State changes arrive on task and connector threads; gauges are
 * read on JMX and scrape threads.
 */
public final class WorkerMetrics implements AutoCloseable {
    private static final String GROUP = "connect-worker-metrics";

    private final ConnectMetrics metrics;
    private final MetricGroup group;
    private final Map<String, ConnectorMetrics> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, TaskMetrics> tasks = new ConcurrentHashMap<>();
    private final Map<String, MetricGroup> connectorTaskCounts = new ConcurrentHashMap<>();
    private final RestartingTasks restarting;
    private final Outcomes connectorStartups;
    private final Outcomes taskStartups;

    /** Registers the worker-level group. */
    public WorkerMetrics(ConnectMetrics metrics) {
        this.metrics = metrics;
        this.group = metrics.group(GROUP);
        this.restarting = metrics.restartingTasks();
        group.gauge("connector-count", "The number of connectors run in this worker.",
                () -> (double) connectors.size());
        group.gauge("task-count", "The number of tasks run in this worker.", () -> (double) tasks.size());
        connectorStartups = new Outcomes(group, "connector");
        taskStartups = new Outcomes(group, "task");
    }

    /** Registers the {@code connector-metrics} group of a connector starting here. */
    public ConnectorMetrics connectorStarting(String connector, String type, String connectorClass, String version) {
        ConnectorMetrics created = new ConnectorMetrics(metrics, connector, type, connectorClass, version);
        ConnectorMetrics previous = connectors.put(connector, created);
        if (previous != null) {
            previous.close();
        }
        return created;
    }

    /** Unregisters the connector's group; the connector no longer runs here. */
    public void connectorStopped(String connector) {
        ConnectorMetrics removed = connectors.remove(connector);
        if (removed != null) {
            removed.close();
        }
    }

    /** Registers the task groups of a task starting here. */
    public TaskMetrics taskStarting(ConnectorTaskId id, boolean sink) {
        TaskMetrics created = new TaskMetrics(metrics, id, sink);
        TaskMetrics previous = tasks.put(id, created);
        if (previous != null) {
            previous.close();
        }
        connectorTaskCounts.computeIfAbsent(id.connector(), this::taskCountGroup);
        return created;
    }

    /** Unregisters the task's groups; the task no longer runs here. */
    public void taskStopped(ConnectorTaskId id) {
        TaskMetrics removed = tasks.remove(id);
        if (removed != null) {
            removed.close();
        }
        restarting.clear(id);
        connectorTaskCounts.computeIfPresent(id.connector(), (connector, counts) -> {
            if (tasks.keySet().stream().anyMatch(task -> task.connector().equals(connector))) {
                return counts;
            }
            counts.close();
            restarting.clearConnector(connector);
            return null;
        });
    }

    /** A connector here reported a state; records a start-up outcome when this ends one. */
    public void connectorStateChanged(String connector, State state) {
        ConnectorMetrics target = connectors.get(connector);
        if (target == null) {
            if (state == State.FAILED) {
                connectorStartups.record(false);
            }
            return;
        }
        Boolean startup = target.stateChanged(state);
        if (startup != null) {
            connectorStartups.record(startup);
        }
    }

    /** A task here reported a state; records a start-up outcome when this ends one. */
    public void taskStateChanged(ConnectorTaskId id, State state) {
        // Whatever the instance reports replaces the herder's RESTARTING, as it does in the status store.
        restarting.clear(id);
        TaskMetrics target = tasks.get(id);
        if (target == null) {
            if (state == State.FAILED) {
                taskStartups.record(false);
            }
            return;
        }
        Boolean startup = target.stateChanged(state);
        if (startup != null) {
            taskStartups.record(startup);
        }
    }

    @Override
    public void close() {
        connectors.values().forEach(ConnectorMetrics::close);
        connectors.clear();
        tasks.values().forEach(TaskMetrics::close);
        tasks.clear();
        connectorTaskCounts.values().forEach(MetricGroup::close);
        connectorTaskCounts.clear();
        group.close();
    }

    private MetricGroup taskCountGroup(String connector) {
        MetricGroup counts = metrics.group(GROUP, "connector", connector);
        counts.gauge("connector-total-task-count", "The number of tasks of the connector on this worker.",
                () -> tasks.keySet().stream().filter(id -> id.connector().equals(connector)).count());
        addStateCount(counts, connector, "running", State.RUNNING);
        addStateCount(counts, connector, "paused", State.PAUSED);
        addStateCount(counts, connector, "failed", State.FAILED);
        addStateCount(counts, connector, "unassigned", State.UNASSIGNED);
        addStateCount(counts, connector, "destroyed", State.DESTROYED);
        addStateCount(counts, connector, "restarting", State.RESTARTING);
        return counts;
    }

    private void addStateCount(MetricGroup counts, String connector, String name, State state) {
        counts.gauge("connector-" + name + "-task-count",
                "The number of " + name + " tasks of the connector on this worker.",
                () -> tasks.values().stream()
                        .filter(task -> task.id().connector().equals(connector) && statusOf(task) == state)
                        .count());
    }

    /** The state the task's status has: RESTARTING while the herder's mark stands, else what the task reported. */
    private State statusOf(TaskMetrics task) {
        return restarting.contains(task.id()) ? State.RESTARTING : task.state();
    }

    /** Attempt, success and failure counters of one kind of start-up, with success and failure percentages. */
    private static final class Outcomes {
        private final Sensor attempts;
        private final Sensor successes;
        private final Sensor failures;
        private final Sensor results;

        Outcomes(MetricGroup group, String kind) {
            attempts = group.sensor(kind + "-startup-attempts");
            attempts.add(group.metricName(kind + "-startup-attempts-total",
                    "How many " + kind + " start-ups this worker has attempted."), new CumulativeSum());
            successes = group.sensor(kind + "-startup-successes");
            successes.add(group.metricName(kind + "-startup-success-total",
                    "How many " + kind + " start-ups succeeded."), new CumulativeSum());
            failures = group.sensor(kind + "-startup-failures");
            failures.add(group.metricName(kind + "-startup-failure-total",
                    "How many " + kind + " start-ups failed."), new CumulativeSum());
            results = group.sensor(kind + "-startup-results");
            results.add(Frequencies.forBooleanValues(
                    group.metricName(kind + "-startup-failure-percentage",
                            "The share of this worker's " + kind + " start-ups that failed."),
                    group.metricName(kind + "-startup-success-percentage",
                            "The share of this worker's " + kind + " start-ups that succeeded.")));
        }

        void record(boolean success) {
            attempts.record(1.0);
            (success ? successes : failures).record(1.0);
            results.record(success ? 1.0 : 0.0);
        }
    }
}

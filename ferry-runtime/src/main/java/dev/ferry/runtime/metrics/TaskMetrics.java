package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Frequencies;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.Time;

/**
 * Every metric group of one task running on this worker: {@code connector-task-metrics}
 * (status, running and pause ratios, batch sizes, offset commits, and the 4.1+ descriptions of
 * the task's plugins), {@link SourceTaskMetrics} or {@link SinkTaskMetrics},
 * {@link TaskErrorMetrics}, one {@code connector-transform-metrics} and
 * {@code connector-predicate-metrics} group per alias, and the plugin metrics (KIP-877) of the
 * task's converters, transformations and predicates (the task's own are the worker's business). All are tagged
 * {@code connector=<name>,task=<n>} and all are removed by {@link #close()}.
 *
 * <p>Thread contract: thread-safe. The record path calls {@link #recordBatch} once per batch on
 * the task thread; offset commits may be recorded from the commit scheduler.
 */
public final class TaskMetrics implements AutoCloseable {
    private static final String TASK_GROUP = "connector-task-metrics";

    private final ConnectMetrics metrics;
    private final ConnectorTaskId id;
    private final Time time;
    private final boolean recordMetrics;
    private final MetricGroup group;
    private final StateTracker state = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING, State.PAUSED));
    private final Sensor batchSize;
    private final Sensor commitTime;
    private final Sensor commitOutcomes;
    private final SourceTaskMetrics source;
    private final SinkTaskMetrics sink;
    private final TaskErrorMetrics errors;
    private final PluginMetricSets plugins;
    private final List<MetricGroup> describedPlugins = new ArrayList<>();

    TaskMetrics(ConnectMetrics metrics, ConnectorTaskId id, boolean sink) {
        this.metrics = metrics;
        this.id = id;
        this.time = metrics.time();
        this.recordMetrics = metrics.recordMetricsEnabled();
        String task = Integer.toString(id.task());
        this.group = metrics.group(TASK_GROUP, "connector", id.connector(), "task", task);
        group.gauge("status", "The state of the task: unassigned, running, paused, failed, restarting or destroyed.",
                state::stateName);
        group.clockGauge("running-ratio", "The share of its time this task has spent running.",
                now -> state.ratio(State.RUNNING, now));
        group.clockGauge("pause-ratio", "The share of its time this task has spent paused.",
                now -> state.ratio(State.PAUSED, now));
        commitTime = group.sensor("commit-time");
        commitTime.add(group.metricName("offset-commit-max-time-ms",
                "The longest time this task took to commit offsets, in milliseconds."), new Max());
        commitTime.add(group.metricName("offset-commit-avg-time-ms",
                "The average time this task took to commit offsets, in milliseconds."), new Avg());
        batchSize = group.sensor("batch-size");
        batchSize.add(group.metricName("batch-size-max", "The most records in one batch this task processed."),
                new Max());
        batchSize.add(group.metricName("batch-size-avg", "The average number of records in the batches this task "
                + "processed."), new Avg());
        MetricName failurePct = group.metricName("offset-commit-failure-percentage",
                "The share of this task's offset commits that failed.");
        MetricName successPct = group.metricName("offset-commit-success-percentage",
                "The share of this task's offset commits that succeeded.");
        commitOutcomes = group.sensor("offset-commit-completion");
        commitOutcomes.add(Frequencies.forBooleanValues(failurePct, successPct));
        this.source = sink ? null : new SourceTaskMetrics(metrics, id);
        this.sink = sink ? new SinkTaskMetrics(metrics, id) : null;
        this.errors = new TaskErrorMetrics(metrics, id);
        this.plugins = new PluginMetricSets(metrics.registry(), id.connector(), task);
    }

    /** The task this is about. */
    public ConnectorTaskId id() {
        return id;
    }

    /** The source task's group; null for a sink task. */
    public SourceTaskMetrics source() {
        return source;
    }

    /** The sink task's group; null for a source task. */
    public SinkTaskMetrics sink() {
        return sink;
    }

    /** The task's error-handling group. */
    public TaskErrorMetrics errors() {
        return errors;
    }

    /** Hands a converter its plugin metrics if it is {@code Monitorable}; {@code role} is key, value or header. */
    public void monitorConverter(Object converter, String role) {
        plugins.monitor(converter, "converter", role);
    }

    /** Hands a transformation its plugin metrics if it is {@code Monitorable}. */
    public void monitorTransformation(Object transformation, String alias) {
        plugins.monitor(transformation, "transformation", alias);
    }

    /** Hands a predicate its plugin metrics if it is {@code Monitorable}. */
    public void monitorPredicate(Object predicate, String alias) {
        plugins.monitor(predicate, "predicate", alias);
    }

    /** Registers the 4.1+ attributes that name the task's connector, task and converters, with their versions. */
    public void describe(TaskPlugins described) {
        group.constant("connector-class", "The class of the task's connector.", described.connectorClass());
        group.constant("connector-version", "The version of the task's connector.", described.connectorVersion());
        group.constant("connector-type", "The type of the task's connector: source or sink.",
                described.connectorType());
        group.constant("task-class", "The class of the task.", described.taskClass());
        group.constant("task-version", "The version of the task.", described.taskVersion());
        group.constant("key-converter-class", "The class of the task's key converter.", described.keyConverterClass());
        group.constant("key-converter-version", "The version of the task's key converter.",
                described.keyConverterVersion());
        group.constant("value-converter-class", "The class of the task's value converter.",
                described.valueConverterClass());
        group.constant("value-converter-version", "The version of the task's value converter.",
                described.valueConverterVersion());
        group.constant("header-converter-class", "The class of the task's header converter.",
                described.headerConverterClass());
        group.constant("header-converter-version", "The version of the task's header converter.",
                described.headerConverterVersion());
    }

    /** Registers the {@code connector-transform-metrics} group of one transformation alias. */
    public void describeTransformation(String alias, String transformClass, String version) {
        MetricGroup transform = metrics.group("connector-transform-metrics", "connector", id.connector(),
                "task", Integer.toString(id.task()), "transform", alias);
        transform.constant("transform-class", "The class of the transformation.", transformClass);
        transform.constant("transform-version", "The version of the transformation.", version);
        synchronized (describedPlugins) {
            describedPlugins.add(transform);
        }
    }

    /** Registers the {@code connector-predicate-metrics} group of one predicate alias. */
    public void describePredicate(String alias, String predicateClass, String version) {
        MetricGroup predicate = metrics.group("connector-predicate-metrics", "connector", id.connector(),
                "task", Integer.toString(id.task()), "predicate", alias);
        predicate.constant("predicate-class", "The class of the predicate.", predicateClass);
        predicate.constant("predicate-version", "The version of the predicate.", version);
        synchronized (describedPlugins) {
            describedPlugins.add(predicate);
        }
    }

    /** The task handled a batch of {@code size} records (a poll's on the source side, a put's on the sink side). */
    public void recordBatch(int size) {
        if (recordMetrics) {
            batchSize.record(size);
        }
    }

    /** An offset commit ended; its duration counts only when it succeeded, as in Apache. */
    public void recordCommit(long durationMs, boolean success) {
        if (success) {
            commitTime.record(durationMs);
        }
        commitOutcomes.record(success ? 1.0 : 0.0);
    }

    State state() {
        return state.state();
    }

    /** Records the state; true or false when this ends the start-up in success or failure, else null. */
    Boolean stateChanged(State next) {
        return state.changeState(next, time.milliseconds());
    }

    @Override
    public void close() {
        group.close();
        if (source != null) {
            source.close();
        }
        if (sink != null) {
            sink.close();
        }
        errors.close();
        synchronized (describedPlugins) {
            describedPlugins.forEach(MetricGroup::close);
            describedPlugins.clear();
        }
        plugins.close();
    }
}

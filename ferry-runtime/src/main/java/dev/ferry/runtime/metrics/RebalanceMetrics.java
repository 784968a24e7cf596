package dev.ferry.runtime.metrics;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.utils.Time;

/**
 * The {@code connect-worker-rebalance-metrics} group of a distributed worker: the group protocol
 * in use, the leader's URL, the generation ({@code epoch}), whether a rebalance is in progress,
 * how many completed and how long they took, and the time since the last one
 * ({@code Infinity} before the first).
 *
 * <p>The herder reports: {@link #rebalanceStarted()} when this worker learns a rebalance began
 * (it revokes work or rejoins the group), {@link #rebalanceCompleted} when it has its new
 * assignment, and {@link #leader} and {@link #protocol} when they are known.
 *
 * <p>Thread contract: thread-safe; normally called on the herder thread.
 */
public final class RebalanceMetrics implements AutoCloseable {
    private final MetricGroup group;
    private final Time time;
    private final Sensor completed;
    private final Sensor duration;
    private volatile String protocol = "";
    private volatile String leaderUrl = "";
    private volatile double epoch = -1;
    private volatile boolean rebalancing;
    private volatile long startedAtMs;
    private volatile long lastCompletedAtMs = Long.MIN_VALUE;

    RebalanceMetrics(ConnectMetrics metrics) {
        this.time = metrics.time();
        this.group = metrics.group("connect-worker-rebalance-metrics");
        group.gauge("connect-protocol", "The Connect protocol used by this cluster.", () -> protocol);
        group.gauge("leader-name", "The URL of the group leader.", () -> leaderUrl);
        group.gauge("epoch", "The epoch or generation number of this worker.", () -> epoch);
        group.gauge("rebalancing", "Whether this worker is rebalancing.", () -> rebalancing ? 1.0 : 0.0);
        completed = group.sensor("completed-rebalance-count");
        completed.add(group.metricName("completed-rebalances-total", "The number of rebalances this worker "
                + "completed."), new CumulativeSum());
        duration = group.sensor("rebalance-time");
        duration.add(group.metricName("rebalance-max-time-ms", "The longest time this worker spent rebalancing, in "
                + "milliseconds."), new Max());
        duration.add(group.metricName("rebalance-avg-time-ms", "The average time this worker spent rebalancing, in "
                + "milliseconds."), new Avg());
        group.clockGauge("time-since-last-rebalance-ms", "The time since this worker completed its latest "
                + "rebalance, in milliseconds.", now -> lastCompletedAtMs == Long.MIN_VALUE
                ? Double.POSITIVE_INFINITY : (double) (now - lastCompletedAtMs));
    }

    /** A rebalance began; {@code rebalancing} reads 1 until {@link #rebalanceCompleted}. */
    public void rebalanceStarted() {
        startedAtMs = time.milliseconds();
        rebalancing = true;
    }

    /** The rebalance ended with this worker in generation {@code generation}. */
    public void rebalanceCompleted(int generation) {
        long now = time.milliseconds();
        epoch = generation;
        if (rebalancing) {
            duration.record(Math.max(0, now - startedAtMs));
        } else {
            duration.record(0);
        }
        rebalancing = false;
        completed.record(1.0);
        lastCompletedAtMs = now;
    }

    /** The leader's REST URL (Apache's {@code leader-name}). */
    public void leader(String url) {
        leaderUrl = url == null ? "" : url;
    }

    /** The Connect protocol in use, as Apache names it: {@code EAGER}, {@code COMPATIBLE} or {@code SESSIONED}. */
    public void protocol(String name) {
        protocol = name == null ? "" : name;
    }

    @Override
    public void close() {
        group.close();
    }
}

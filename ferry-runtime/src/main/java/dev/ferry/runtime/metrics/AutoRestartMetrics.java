package dev.ferry.runtime.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ferry's {@code auto-restart-metrics} group (not in Apache): for each connector or task that
 * its restart policy restarted, {@code attempts} (automatic restarts in the current run of
 * failures) and {@code next-attempt-time-ms} (epoch milliseconds of the scheduled restart, or -1
 * when none is scheduled, e.g. after the policy gave up). Prometheus sees them as
 * {@code kafka_connect_auto_restart_attempts{connector,task}} and
 * {@code kafka_connect_auto_restart_next_attempt_time_ms{connector,task}}.
 *
 * <p>Thread contract: thread-safe.
 */
public final class AutoRestartMetrics implements AutoCloseable {
    private static final String GROUP = "auto-restart-metrics";

    private final ConnectMetrics metrics;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();

    public AutoRestartMetrics(ConnectMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Publishes the restart state of a connector ({@code task} null) or task.
     *
     * @param nextAttemptMs epoch milliseconds of the next restart, or -1 for none
     */
    public void record(String connector, Integer task, int attempts, long nextAttemptMs) {
        String key = task == null ? connector : connector + "\u0000" + task;
        Instance instance = instances.computeIfAbsent(key, k -> new Instance(task == null
                ? metrics.group(GROUP, "connector", connector)
                : metrics.group(GROUP, "connector", connector, "task", String.valueOf(task))));
        instance.attempts = attempts;
        instance.nextAttemptMs = nextAttemptMs;
    }

    /** Unregisters the connector's and its tasks' entries, e.g. when it is deleted. */
    public void remove(String connector) {
        instances.entrySet().removeIf(e -> {
            boolean ofConnector = e.getKey().equals(connector) || e.getKey().startsWith(connector + "\u0000");
            if (ofConnector) {
                e.getValue().group.close();
            }
            return ofConnector;
        });
    }

    @Override
    public void close() {
        instances.values().forEach(i -> i.group.close());
        instances.clear();
    }

    private static final class Instance {
        final MetricGroup group;
        volatile int attempts;
        volatile long nextAttemptMs = -1;

        Instance(MetricGroup group) {
            this.group = group;
            group.gauge("attempts", "Automatic restarts in the current run of failures.", () -> (double) attempts);
            group.gauge("next-attempt-time-ms", "When the next automatic restart is scheduled (epoch ms), or -1.",
                    () -> (double) nextAttemptMs);
        }
    }
}

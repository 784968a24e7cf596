package dev.ferry.runtime.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

/**
 * The plugin metrics (KIP-877) handed to the plugins of one task: converters, transformations and
 * predicates that implement {@link Monitorable} get a {@code PluginMetrics} tagged with the
 * connector, the task and their role, as Apache tags them ({@code converter=key|value|header},
 * {@code transformation=<alias>}, {@code predicate=<alias>}). Everything they registered is removed
 * when the task's metrics close.
 *
 * <p>Thread contract: {@link #monitor} runs while the task is built; {@link #close} once when it stops.
 */
final class PluginMetricSets implements AutoCloseable {
    private final Metrics metrics;
    private final String connector;
    private final String task;
    private final List<PluginMetricsImpl> handedOut = new ArrayList<>();

    PluginMetricSets(Metrics metrics, String connector, String task) {
        this.metrics = metrics;
        this.connector = connector;
        this.task = task;
    }

    /** A plugin metrics object with the connector and task tags, plus one more tag if {@code tagName} is set. */
    synchronized PluginMetricsImpl create(String tagName, String tagValue) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", task);
        if (tagName != null) {
            tags.put(tagName, tagValue);
        }
        PluginMetricsImpl created = new PluginMetricsImpl(metrics, tags);
        handedOut.add(created);
        return created;
    }

    /** Hands {@code plugin} its metrics if it is {@link Monitorable}. */
    void monitor(Object plugin, String tagName, String tagValue) {
        if (plugin instanceof Monitorable monitorable) {
            monitorable.withPluginMetrics(create(tagName, tagValue));
        }
    }

    @Override
    public synchronized void close() {
        handedOut.forEach(PluginMetricSets::closeQuietly);
        handedOut.clear();
    }

    static void closeQuietly(PluginMetricsImpl pluginMetrics) {
        try {
            pluginMetrics.close();
        } catch (IOException | RuntimeException e) {
            // Removing metrics from an in-memory registry does not fail in practice; nothing to do if it does.
        }
    }
}

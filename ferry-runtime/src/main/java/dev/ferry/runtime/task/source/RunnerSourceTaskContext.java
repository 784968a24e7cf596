package dev.ferry.runtime.task.source;

import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a source task sees of the runtime: its config, its connector's stored offsets and its
 * plugin metrics. Transactions (exactly-once source) are not offered, so
 * {@link #transactionContext()} keeps the interface's null.
 *
 * <p>Thread contract: immutable; safe from any of the task's threads.
 */
final class RunnerSourceTaskContext implements SourceTaskContext {
    private final Map<String, String> config;
    private final OffsetStorageReader offsets;
    private final PluginMetrics metrics;

    RunnerSourceTaskContext(Map<String, String> config, OffsetStorageReader offsets, PluginMetrics metrics) {
        this.config = Map.copyOf(config);
        this.offsets = offsets;
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
        return config;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return offsets;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}

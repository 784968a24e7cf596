package dev.ferry.runtime.task.source;

import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a source task sees of the runtime: its config, its connector's stored offsets and its
 * plugin metrics, and with exactly-once support and {@code transaction.boundary=connector} its
 * {@link RunnerTransactionContext}; otherwise {@link #transactionContext()} is null, as in Apache.
 *
 * <p>Thread contract: immutable; safe from any of the task's threads.
 */
final class RunnerSourceTaskContext implements SourceTaskContext {
    private final Map<String, String> config;
    private final OffsetStorageReader offsets;
    private final PluginMetrics metrics;
    private final TransactionContext transactions;

    /** @param transactions the task's transaction context, or null */
    RunnerSourceTaskContext(Map<String, String> config, OffsetStorageReader offsets, PluginMetrics metrics,
                            TransactionContext transactions) {
        this.config = Map.copyOf(config);
        this.offsets = offsets;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Override
    public TransactionContext transactionContext() {
        return transactions;
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

package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.StatusListener;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;

/**
 * What a connector can ask of the runtime: regenerate its task configs, fail, and register
 * metrics.
 *
 * <p>Thread contract: connectors call it from any thread, including threads of their own; every
 * method is thread-safe and returns without waiting on the herder.
 */
final class RunnerConnectorContext implements ConnectorContext {
    private final ConnectorRunner runner;
    private final StatusListener listener;
    private final PluginMetrics metrics;

    RunnerConnectorContext(ConnectorRunner runner, StatusListener listener, PluginMetrics metrics) {
        this.runner = runner;
        this.listener = listener;
        this.metrics = metrics;
    }

    @Override
    public void requestTaskReconfiguration() {
        if (runner.isRunning()) {
            listener.taskReconfigurationRequested(runner.name());
        }
    }

    @Override
    public void raiseError(Exception e) {
        runner.fail(e);
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}

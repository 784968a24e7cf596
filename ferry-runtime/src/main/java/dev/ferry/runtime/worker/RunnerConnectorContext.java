package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.StatusListener;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a connector can ask of the runtime: regenerate its task configs, fail, and register
 * metrics. A source connector is given {@link Source}, which adds its stored offsets, and a sink
 * connector {@link Sink}: connect-api's {@code SourceConnector.context()} and
 * {@code SinkConnector.context()} cast to those interfaces, so a plain context would fail any
 * plugin that calls them.
 *
 * <p>Thread contract: connectors call it from any thread, including threads of their own; every
 * method is thread-safe and returns without waiting on the herder.
 */
abstract class RunnerConnectorContext implements ConnectorContext {
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

    /** A source connector's context: also its offsets, as its tasks read them. */
    static final class Source extends RunnerConnectorContext implements SourceConnectorContext {
        private final OffsetStorageReader offsets;

        Source(ConnectorRunner runner, StatusListener listener, PluginMetrics metrics, OffsetStorageReader offsets) {
            super(runner, listener, metrics);
            this.offsets = offsets;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return offsets;
        }
    }

    /** A sink connector's context: nothing beyond the common one. */
    static final class Sink extends RunnerConnectorContext implements SinkConnectorContext {
        Sink(ConnectorRunner runner, StatusListener listener, PluginMetrics metrics) {
            super(runner, listener, metrics);
        }
    }
}

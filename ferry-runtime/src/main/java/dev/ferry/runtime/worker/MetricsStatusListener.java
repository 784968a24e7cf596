package dev.ferry.runtime.worker;

import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;

/**
 * Passes every state change to the herder's listener after recording it in the worker's metrics
 * (statuses, state ratios, start-up outcomes). It sits between the connector and task runners
 * and the herder, so metrics see exactly the states the herder sees.
 *
 * <p>Thread contract: called on connector and task threads; both targets are thread-safe.
 */
final class MetricsStatusListener implements StatusListener {
    private final StatusListener delegate;
    private final WorkerMetrics metrics;

    MetricsStatusListener(StatusListener delegate, WorkerMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void connectorState(String connector, State state, Throwable cause) {
        metrics.connectorStateChanged(connector, state);
        delegate.connectorState(connector, state, cause);
    }

    @Override
    public void taskState(ConnectorTaskId task, State state, Throwable cause) {
        metrics.taskStateChanged(task, state);
        delegate.taskState(task, state, cause);
    }

    @Override
    public void topicUsed(ConnectorTaskId task, String topic) {
        delegate.topicUsed(task, topic);
    }

    @Override
    public void taskReconfigurationRequested(String connector) {
        delegate.taskReconfigurationRequested(connector);
    }
}

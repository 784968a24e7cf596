package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.plugins.PluginFailure;

/**
 * Puts a FAILED connector's or task's failure into words before it becomes the status trace: when plugin code
 * failed for a missing class or a failed static initialiser, the trace starts with what is missing, the plugin
 * location that asked for it and what to add, followed by the plugin's own stack (see
 * {@link PluginFailure#explained}). Other failures pass unchanged, so their traces stay as Apache writes them.
 *
 * <p>Thread contract: called on connector and task threads; stateless.
 */
final class ExplainedFailures implements StatusListener {
    private final StatusListener delegate;

    ExplainedFailures(StatusListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void connectorState(String connector, State state, Throwable cause) {
        delegate.connectorState(connector, state,
                cause == null ? null : PluginFailure.explained("Connector " + connector + " failed", cause));
    }

    @Override
    public void taskState(ConnectorTaskId task, State state, Throwable cause) {
        delegate.taskState(task, state, cause == null ? null : PluginFailure.explained("Task " + task + " failed", cause));
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

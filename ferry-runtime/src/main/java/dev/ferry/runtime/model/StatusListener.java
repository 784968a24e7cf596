package dev.ferry.runtime.model;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;

/**
 * How the worker tells its herder what connectors and tasks are doing. The herder turns these
 * calls into status-store writes.
 *
 * <p>Thread contract: called from connector and task threads; implementations must be
 * thread-safe and must not block for long.
 */
public interface StatusListener {

    /** A connector instance changed state; {@code cause} is set only for FAILED. */
    void connectorState(String connector, State state, Throwable cause);

    /** A task changed state; {@code cause} is set only for FAILED. */
    void taskState(ConnectorTaskId task, State state, Throwable cause);

    /** A task produced to or consumed from a topic (KIP-558 topic tracking). */
    void topicUsed(ConnectorTaskId task, String topic);

    /** The connector asked for its task configurations to be generated again. */
    void taskReconfigurationRequested(String connector);
}

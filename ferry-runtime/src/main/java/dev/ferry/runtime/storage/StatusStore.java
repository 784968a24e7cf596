package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the statuses of connectors and tasks live: in memory for a standalone worker, in the
 * status topic for a distributed cluster (where every worker reads what every other wrote).
 *
 * <p>Thread contract: safe for concurrent use; task and connector threads write, REST reads.
 */
public interface StatusStore {

    void putConnector(String connector, InstanceStatus status);

    void putTask(ConnectorTaskId task, InstanceStatus status);

    /**
     * Like {@link #putConnector}, but skipped when the stored status was written by another worker
     * in a newer group generation: a worker that lost the connector must not overwrite its new
     * owner's report (used for UNASSIGNED and FAILED, which may come late).
     */
    default void putConnectorSafe(String connector, InstanceStatus status) {
        putConnector(connector, status);
    }

    /** The task form of {@link #putConnectorSafe}. */
    default void putTaskSafe(ConnectorTaskId task, InstanceStatus status) {
        putTask(task, status);
    }

    Optional<InstanceStatus> connector(String connector);

    Optional<InstanceStatus> task(ConnectorTaskId task);

    /** The statuses of the connector's tasks, sorted by task number. */
    List<Map.Entry<ConnectorTaskId, InstanceStatus>> tasks(String connector);

    /** The connectors that have a status here, e.g. for removing those of deleted connectors. */
    Set<String> connectors();

    void removeTask(ConnectorTaskId task);

    /** Forgets the connector and all its tasks (the DESTROYED state is never shown). */
    void removeConnector(String connector);

    /**
     * A number that grows after every change of what this store shows (a put, a removal, in a cluster also a
     * record read back from the topic), so a caller that read {@code n} and later reads {@code n} again knows
     * nothing it reads has changed in between: the REST layer keeps its serialized status list while it holds.
     * It grows only after the change is visible, so whoever sees the new number also sees the change.
     */
    long version();
}

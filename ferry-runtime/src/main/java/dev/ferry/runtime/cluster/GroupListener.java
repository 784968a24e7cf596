package dev.ferry.runtime.cluster;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.Collection;

/**
 * How {@link WorkerGroupMember} tells the herder what to stop and what to run. Both methods are
 * called on the thread that calls {@link WorkerGroupMember#poll}, inside that call; the group
 * waits for them (up to {@code rebalance.timeout.ms}), so they may block while work stops.
 */
public interface GroupListener {

    /**
     * Stop these connectors and tasks before returning: another worker may start them as soon as
     * this worker rejoins. Called for the revoked part of a cooperative assignment, for everything
     * before an eager rebalance, and for everything when the worker has lost touch with the group
     * for longer than its session timeout.
     *
     * @param leaderId the leader that revoked them, or null when the worker revokes on its own
     */
    void onRevoked(String leaderId, Collection<String> connectors, Collection<ConnectorTaskId> tasks);

    /**
     * The worker's full assignment after a rebalance: everything it should now run (not a delta).
     * A {@link WorkerAssignment#failed() failed} assignment keeps what was running; the herder
     * then catches up with the config topic and calls {@link WorkerGroupMember#requestRejoin}.
     *
     * @param generation the group generation this assignment belongs to
     */
    void onAssigned(WorkerAssignment assignment, int generation);
}

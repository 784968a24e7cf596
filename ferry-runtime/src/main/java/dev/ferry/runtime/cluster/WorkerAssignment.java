package dev.ferry.runtime.cluster;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.List;
import java.util.Objects;

/**
 * The connectors and tasks one worker is given in one rebalance, with the leader that made the
 * assignment and the config offset it was made at. The herder must have read the config topic up
 * to {@code configOffset} before it starts anything here.
 *
 * <p>When handed to {@link GroupListener#onAssigned} the {@code connectors} and {@code tasks} lists
 * are everything the worker should now run; {@code revokedConnectors}/{@code revokedTasks} say what
 * was just taken away (already stopped through {@link GroupListener#onRevoked}) and are empty for
 * the eager protocol. On the wire (the cooperative protocols) the same shape carries only the
 * newly added items, which is why the member, not the leader, builds the full lists.
 *
 * @param error     {@link #NO_ERROR} or {@link #CONFIG_MISMATCH}
 * @param leaderId  the group member id of the leader
 * @param leaderUrl the leader's advertised REST URL, where requests for the leader are forwarded
 * @param delayMs   how long the leader asks members to wait before rejoining (an Apache leader
 *                  delaying the reassignment of a departed worker's items); 0 from Ferry leaders
 */
public record WorkerAssignment(short error, String leaderId, String leaderUrl, long configOffset,
                               List<String> connectors, List<ConnectorTaskId> tasks,
                               List<String> revokedConnectors, List<ConnectorTaskId> revokedTasks,
                               int delayMs) {

    /** The leader assigned work normally. */
    public static final short NO_ERROR = 0;
    /**
     * The leader's view of the config topic is behind a member's, so it assigned nothing: the
     * leader's herder reads the config topic to the end and rejoins.
     */
    public static final short CONFIG_MISMATCH = 1;

    public WorkerAssignment {
        connectors = List.copyOf(Objects.requireNonNull(connectors, "connectors"));
        tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        revokedConnectors = List.copyOf(Objects.requireNonNull(revokedConnectors, "revokedConnectors"));
        revokedTasks = List.copyOf(Objects.requireNonNull(revokedTasks, "revokedTasks"));
    }

    /** Whether the leader could not assign work ({@link #CONFIG_MISMATCH}). */
    public boolean failed() {
        return error != NO_ERROR;
    }

    /** Whether this assignment takes anything away. */
    public boolean revokesAnything() {
        return !revokedConnectors.isEmpty() || !revokedTasks.isEmpty();
    }
}

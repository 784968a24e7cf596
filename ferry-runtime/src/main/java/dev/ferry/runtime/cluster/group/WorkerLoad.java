package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One member's work while the leader computes a cooperative assignment: what it keeps running,
 * what it is told to stop and what it is newly given. Mutable, and used only inside one
 * {@link CooperativeAssignor#assign} call.
 */
final class WorkerLoad {
    /** Fewest connectors first, then by member id, so ties always break the same way. */
    static final Comparator<WorkerLoad> BY_CONNECTORS =
            Comparator.comparingInt(WorkerLoad::connectorCount).thenComparing(WorkerLoad::memberId);
    /** Fewest tasks first, then by member id. */
    static final Comparator<WorkerLoad> BY_TASKS =
            Comparator.comparingInt(WorkerLoad::taskCount).thenComparing(WorkerLoad::memberId);

    private final String memberId;
    private final Set<String> connectors = new LinkedHashSet<>();
    private final Set<ConnectorTaskId> tasks = new LinkedHashSet<>();
    private final List<String> revokedConnectors = new ArrayList<>();
    private final List<ConnectorTaskId> revokedTasks = new ArrayList<>();
    private final List<String> newConnectors = new ArrayList<>();
    private final List<ConnectorTaskId> newTasks = new ArrayList<>();

    WorkerLoad(String memberId) {
        this.memberId = memberId;
    }

    String memberId() {
        return memberId;
    }

    /** Connectors it will run after this round: kept plus newly given. */
    Set<String> connectors() {
        return connectors;
    }

    /** Tasks it will run after this round: kept plus newly given. */
    Set<ConnectorTaskId> tasks() {
        return tasks;
    }

    int connectorCount() {
        return connectors.size();
    }

    int taskCount() {
        return tasks.size();
    }

    void keep(String connector) {
        connectors.add(connector);
    }

    void keep(ConnectorTaskId task) {
        tasks.add(task);
    }

    void revoke(String connector) {
        connectors.remove(connector);
        revokedConnectors.add(connector);
    }

    void revoke(ConnectorTaskId task) {
        tasks.remove(task);
        revokedTasks.add(task);
    }

    void give(String connector) {
        connectors.add(connector);
        newConnectors.add(connector);
    }

    void give(ConnectorTaskId task) {
        tasks.add(task);
        newTasks.add(task);
    }

    /** The cooperative wire assignment: only what is new and what is revoked. */
    WorkerAssignment toAssignment(String leaderId, String leaderUrl, long configOffset) {
        return new WorkerAssignment(WorkerAssignment.NO_ERROR, leaderId, leaderUrl, configOffset,
                newConnectors, newTasks, revokedConnectors, revokedTasks, 0);
    }
}

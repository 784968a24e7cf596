package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Members of a Connect group in memory, for assignor tests: each holds what it runs, reports it
 * in its subscription and applies the wire assignments it gets back, as {@link WorkerCoordinator}
 * does (drop the revoked part, add the new part).
 */
final class SimulatedGroup {
    static final String LEADER = "worker-a";

    private final Map<String, Set<String>> connectors = new TreeMap<>();
    private final Map<String, Set<ConnectorTaskId>> tasks = new TreeMap<>();
    private final Map<String, Long> offsets = new HashMap<>();

    SimulatedGroup(String... members) {
        for (String member : members) {
            join(member);
        }
    }

    void join(String member) {
        connectors.put(member, new LinkedHashSet<>());
        tasks.put(member, new LinkedHashSet<>());
        offsets.put(member, 0L);
    }

    void leave(String member) {
        connectors.remove(member);
        tasks.remove(member);
        offsets.remove(member);
    }

    void runs(String member, List<String> connectorNames, List<ConnectorTaskId> taskIds) {
        connectors.get(member).addAll(connectorNames);
        tasks.get(member).addAll(taskIds);
    }

    void readUpTo(String member, long offset) {
        offsets.put(member, offset);
    }

    Map<String, MemberSubscription> subscriptions() {
        Map<String, MemberSubscription> subscriptions = new TreeMap<>();
        for (String member : connectors.keySet()) {
            WorkerAssignment allocation = connectors.get(member).isEmpty() && tasks.get(member).isEmpty() ? null
                    : new WorkerAssignment(WorkerAssignment.NO_ERROR, LEADER, url(LEADER), 0,
                            List.copyOf(connectors.get(member)), List.copyOf(tasks.get(member)), List.of(), List.of(), 0);
            subscriptions.put(member, new MemberSubscription((short) 2, url(member), offsets.get(member), allocation));
        }
        return subscriptions;
    }

    /** One cooperative round: the leader assigns, every member applies its assignment. */
    Map<String, WorkerAssignment> rebalance(ClusterWork work) {
        Map<String, WorkerAssignment> assignments = new CooperativeAssignor().assign(LEADER, subscriptions(), work);
        assignments.forEach((member, assignment) -> {
            if (!assignment.failed()) {
                connectors.get(member).removeAll(assignment.revokedConnectors());
                tasks.get(member).removeAll(assignment.revokedTasks());
                connectors.get(member).addAll(assignment.connectors());
                tasks.get(member).addAll(assignment.tasks());
            }
        });
        return assignments;
    }

    Set<String> connectorsOf(String member) {
        return connectors.get(member);
    }

    Set<ConnectorTaskId> tasksOf(String member) {
        return tasks.get(member);
    }

    Collection<String> members() {
        return connectors.keySet();
    }

    /** Every connector run anywhere, one entry per copy. */
    List<String> allConnectors() {
        List<String> all = new ArrayList<>();
        connectors.values().forEach(all::addAll);
        return all;
    }

    /** Every task run anywhere, one entry per copy. */
    List<ConnectorTaskId> allTasks() {
        List<ConnectorTaskId> all = new ArrayList<>();
        tasks.values().forEach(all::addAll);
        return all;
    }

    int connectorSpread() {
        return spread(connectors);
    }

    int taskSpread() {
        return spread(tasks);
    }

    private static int spread(Map<String, ? extends Set<?>> held) {
        int max = held.values().stream().mapToInt(Set::size).max().orElse(0);
        int min = held.values().stream().mapToInt(Set::size).min().orElse(0);
        return max - min;
    }

    static String url(String member) {
        return "http://" + member + ":8083/";
    }
}

package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The group leader's assignment for the eager protocol (v0): every member has stopped everything,
 * so the leader deals all connectors, then all tasks, round-robin over the members in member-id
 * order. Tasks continue the rotation where the connectors left off instead of following their
 * connector, which with one task per connector would put all connectors on some workers and all
 * tasks on the others.
 */
final class EagerAssignor {

    /** The full assignment of every member, or {@link WorkerAssignment#CONFIG_MISMATCH} for all. */
    Map<String, WorkerAssignment> assign(String leaderId, Map<String, MemberSubscription> members, ClusterWork work) {
        String leaderUrl = members.get(leaderId).url();
        long maxOffset = members.values().stream().mapToLong(MemberSubscription::configOffset).max().orElse(-1);
        if (work.configOffset() < maxOffset) {
            return CooperativeAssignor.mismatch(leaderId, leaderUrl, maxOffset, members.keySet());
        }
        List<String> order = new ArrayList<>(new TreeSet<>(members.keySet()));
        Map<String, List<String>> connectors = new LinkedHashMap<>();
        Map<String, List<ConnectorTaskId>> tasks = new LinkedHashMap<>();
        order.forEach(member -> {
            connectors.put(member, new ArrayList<>());
            tasks.put(member, new ArrayList<>());
        });
        int next = 0;
        for (String connector : work.taskCounts().keySet()) {
            connectors.get(order.get(next++ % order.size())).add(connector);
        }
        for (Map.Entry<String, Integer> connector : work.taskCounts().entrySet()) {
            for (int task = 0; task < connector.getValue(); task++) {
                tasks.get(order.get(next++ % order.size())).add(new ConnectorTaskId(connector.getKey(), task));
            }
        }
        Map<String, WorkerAssignment> assignments = new LinkedHashMap<>();
        for (String member : order) {
            assignments.put(member, new WorkerAssignment(WorkerAssignment.NO_ERROR, leaderId, leaderUrl,
                    work.configOffset(), connectors.get(member), tasks.get(member), List.of(), List.of(), 0));
        }
        return assignments;
    }
}

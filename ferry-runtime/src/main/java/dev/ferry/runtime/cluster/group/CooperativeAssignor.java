package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group leader's incremental cooperative assignment (KIP-415), computed from nothing but this
 * round's subscriptions and the leader's view of the config topic.
 *
 * <h2>Rules</h2>
 * Every member reports what it runs now (its allocation). The leader then, per connector and per
 * task:
 * <ol>
 *   <li>revokes what is no longer configured (deleted connectors, tasks beyond a lowered count);</li>
 *   <li>revokes extra copies of anything two members run, keeping the copy of the member first in
 *       member-id order (both run it already, so one more round of both is no new harm, and
 *       keeping one avoids a round in which nobody runs it);</li>
 *   <li>revokes from the most loaded members just enough that, once this round's revocations are
 *       reassigned in the next round, every member's connector count, and separately its task
 *       count, differs from every other's by at most one;</li>
 *   <li>gives everything configured that nobody runs (new, or lost with a departed member) to the
 *       least loaded members at once.</li>
 * </ol>
 * A revoked item is never given to anyone in the same round: the member that ran it may still be
 * stopping it. Members that had something revoked rejoin at once, and the next round finds those
 * items unowned and hands them out by rule 4.
 *
 * <h2>Where Ferry differs from Apache</h2>
 * Apache's leader remembers the previous assignment, and when a member departs it holds that
 * member's work back for up to {@code scheduled.rebalance.max.delay.ms} (five minutes by default)
 * in case it returns. Ferry's leader keeps no memory: the broker only evicts a member after its
 * session timeout, so by the time its work shows up unowned the member has been silent for that
 * long already, and the work moves at once. Failover therefore takes seconds. The memory-less
 * leader also needs no backoff between consecutive revoking rounds: with no new joins, the round
 * after a revocation is balanced and revokes nothing.
 *
 * <p>Not thread-safe; one instance per call is fine, it holds no state.
 */
final class CooperativeAssignor {
    private static final Logger log = LoggerFactory.getLogger(CooperativeAssignor.class);

    /**
     * Computes the wire assignment of every member.
     *
     * @param leaderId the leader's member id (must be a key of {@code members})
     * @param members  each member's subscription, by member id
     * @param work     the leader's view of what should run
     * @return per member: its newly assigned items and its revoked ones, or a
     *         {@link WorkerAssignment#CONFIG_MISMATCH} for everyone when the leader is behind
     */
    Map<String, WorkerAssignment> assign(String leaderId, Map<String, MemberSubscription> members, ClusterWork work) {
        String leaderUrl = members.get(leaderId).url();
        long maxOffset = members.values().stream().mapToLong(MemberSubscription::configOffset).max().orElse(-1);
        if (work.configOffset() < maxOffset) {
            log.info("This leader has read the config topic up to offset {} but a member has read up to {}; "
                    + "assigning nothing so the leader can catch up and rejoin", work.configOffset(), maxOffset);
            return mismatch(leaderId, leaderUrl, maxOffset, members.keySet());
        }

        Set<String> configuredConnectors = work.taskCounts().keySet();
        Set<ConnectorTaskId> configuredTasks = new TreeSet<>();
        work.taskCounts().forEach((connector, count) -> {
            for (int task = 0; task < count; task++) {
                configuredTasks.add(new ConnectorTaskId(connector, task));
            }
        });

        Map<String, WorkerLoad> loads = new TreeMap<>();
        Set<String> ownedConnectors = new HashSet<>();
        Set<ConnectorTaskId> ownedTasks = new HashSet<>();
        for (Map.Entry<String, MemberSubscription> member : new TreeMap<>(members).entrySet()) {
            WorkerLoad load = new WorkerLoad(member.getKey());
            loads.put(member.getKey(), load);
            WorkerAssignment allocation = member.getValue().allocation();
            if (allocation == null) {
                continue;
            }
            sortOut(allocation.connectors(), configuredConnectors, ownedConnectors, load::keep, load::revoke, load);
            sortOut(allocation.tasks(), configuredTasks, ownedTasks, load::keep, load::revoke, load);
        }

        List<WorkerLoad> workers = new ArrayList<>(loads.values());
        revokeForBalance(workers, configuredConnectors.size(), WorkerLoad::connectors, WorkerLoad::revoke,
                Comparator.comparingInt(WorkerLoad::connectorCount));
        revokeForBalance(workers, configuredTasks.size(), WorkerLoad::tasks, WorkerLoad::revoke,
                Comparator.comparingInt(WorkerLoad::taskCount));

        for (String connector : configuredConnectors) {
            if (!ownedConnectors.contains(connector)) {
                workers.stream().min(WorkerLoad.BY_CONNECTORS).orElseThrow().give(connector);
            }
        }
        for (ConnectorTaskId task : configuredTasks) {
            if (!ownedTasks.contains(task)) {
                workers.stream().min(WorkerLoad.BY_TASKS).orElseThrow().give(task);
            }
        }

        Map<String, WorkerAssignment> assignments = new LinkedHashMap<>();
        loads.forEach((member, load) -> assignments.put(member, load.toAssignment(leaderId, leaderUrl, work.configOffset())));
        log.debug("Cooperative assignment at config offset {}: {}", work.configOffset(), assignments);
        return assignments;
    }

    static Map<String, WorkerAssignment> mismatch(String leaderId, String leaderUrl, long maxOffset,
                                                  Collection<String> members) {
        Map<String, WorkerAssignment> assignments = new LinkedHashMap<>();
        for (String member : members) {
            assignments.put(member, new WorkerAssignment(WorkerAssignment.CONFIG_MISMATCH, leaderId, leaderUrl, maxOffset,
                    List.of(), List.of(), List.of(), List.of(), 0));
        }
        return assignments;
    }

    /**
     * Keeps each reported item that is configured and not yet owned by an earlier member; revokes
     * the rest. Items the member itself reported twice count once.
     */
    private static <T> void sortOut(List<T> reported, Set<T> configured, Set<T> owned,
                                    java.util.function.Consumer<T> keep, java.util.function.Consumer<T> revoke,
                                    WorkerLoad load) {
        Set<T> seenHere = new HashSet<>();
        for (T item : reported) {
            if (!seenHere.add(item)) {
                continue;
            }
            if (!configured.contains(item)) {
                log.debug("Revoking {} from {}: it is no longer configured", item, load.memberId());
                revoke.accept(item);
            } else if (!owned.add(item)) {
                log.info("Revoking {} from {}: another member runs it too", item, load.memberId());
                revoke.accept(item);
            } else {
                keep.accept(item);
            }
        }
    }

    /**
     * Revokes items from members that hold more than their share of {@code total}: each member
     * may keep {@code total / n}, and the {@code total % n} most loaded may keep one more. That is
     * the fewest revocations after which handing out the rest evenly gives counts within one.
     */
    private static <T> void revokeForBalance(List<WorkerLoad> workers, int total, Function<WorkerLoad, Collection<T>> items,
                                             BiConsumer<WorkerLoad, T> revoke, Comparator<WorkerLoad> byCount) {
        int base = total / workers.size();
        int withExtra = total % workers.size();
        List<WorkerLoad> mostLoadedFirst = new ArrayList<>(workers);
        mostLoadedFirst.sort(byCount.reversed().thenComparing(WorkerLoad::memberId));
        for (int i = 0; i < mostLoadedFirst.size(); i++) {
            WorkerLoad worker = mostLoadedFirst.get(i);
            int allowed = base + (i < withExtra ? 1 : 0);
            List<T> held = new ArrayList<>(items.apply(worker));
            for (int excess = held.size() - allowed; excess > 0; excess--) {
                T item = held.remove(held.size() - 1);
                log.debug("Revoking {} from {} to balance the load", item, worker.memberId());
                revoke.accept(worker, item);
            }
        }
    }
}

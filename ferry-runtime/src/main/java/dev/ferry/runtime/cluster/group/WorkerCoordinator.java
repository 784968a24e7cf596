package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.internals.AbstractCoordinator;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocolCollection;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Timer;
import org.slf4j.Logger;

/**
 * This worker's side of the Connect group protocol, on top of kafka-clients' classic-protocol
 * {@link AbstractCoordinator} (JoinGroup, SyncGroup, Heartbeat, LeaveGroup, and the heartbeat
 * thread that keeps the membership alive while the herder is busy).
 *
 * <h2>What it adds</h2>
 * <ul>
 *   <li>The subscription: the subprotocols this worker offers, each with its REST URL, config
 *       offset and (cooperative) current allocation.</li>
 *   <li>On the leader, the assignment ({@link CooperativeAssignor} or {@link EagerAssignor}).</li>
 *   <li>Turning a received assignment into listener calls: cooperative assignments carry only
 *       what is new and what is revoked, so this class keeps the worker's full assignment
 *       ({@code current}), stops the revoked part, and hands the herder the full result. A member
 *       that had something revoked rejoins at once so the next round can place it.</li>
 *   <li>A bounded {@link #poll}: the base class joins with no time limit, so a join is cut off at
 *       the poll deadline by a wakeup from a small alarm thread; the base class resumes a pending
 *       join on the next call.</li>
 *   <li>Self-revocation: a worker that cannot reach the coordinator for longer than its session
 *       timeout, or whose herder did not poll within {@code rebalance.timeout.ms} (the heartbeat
 *       thread then leaves the group), has had its work handed out, so it stops everything.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Everything except {@link #rebalancing}, {@link #requestRejoinByWorker} and the read-only
 * accessors runs on the poll thread. The base class's heartbeat thread shares the network client
 * and this object's monitor; it never calls the listener.
 */
final class WorkerCoordinator extends AbstractCoordinator {
    /** The Connect group protocol type registered with the coordinator. */
    static final String PROTOCOL_TYPE = "connect";
    /** How often a worker that cannot reach the coordinator says so in the log. */
    private static final long UNREACHABLE_LOG_INTERVAL_MS = 30_000;

    private final Logger log;
    private final String restUrl;
    private final String groupId;
    /** Written by the leader's assignment (heartbeat or herder thread), read by REST threads. */
    private volatile List<String> memberUrls = List.of();
    private final Supplier<ClusterWork> configuredWork;
    private final GroupListener listener;
    private final Subprotocol configured;
    private final int sessionTimeoutMs;
    private final int heartbeatIntervalMs;
    private final ScheduledExecutorService alarms;

    /** Everything this worker runs now, or null when it holds nothing from the group. */
    private volatile WorkerAssignment current;
    private volatile Subprotocol active;
    private volatile String joinedMemberId = "";
    private volatile int joinedGeneration = -1;
    private volatile boolean delivering;
    private final AtomicLong rejoinRequests = new AtomicLong();
    private volatile long rejoinRequestsSent;

    /** Set by the heartbeat thread when it left the group because poll was not called in time. */
    private volatile boolean leftForSlowPoll;
    private long scheduledRejoinAtMs = Long.MAX_VALUE;
    private boolean assignedDuringPoll;
    private long unreachableSinceMs = -1;
    private long unreachableLoggedAtMs = -1;

    WorkerCoordinator(GroupRebalanceConfig config, LogContext logContext, ConsumerNetworkClient client, Metrics metrics,
                      String metricGroupPrefix, Time time, String restUrl, Supplier<ClusterWork> configuredWork,
                      GroupListener listener, Subprotocol configured, ScheduledExecutorService alarms) {
        super(config, logContext, client, metrics, metricGroupPrefix, time);
        this.log = logContext.logger(WorkerCoordinator.class);
        this.restUrl = restUrl;
        this.groupId = config.groupId;
        this.configuredWork = configuredWork;
        this.listener = listener;
        this.configured = configured;
        this.active = configured;
        this.sessionTimeoutMs = config.sessionTimeoutMs;
        this.heartbeatIntervalMs = config.heartbeatIntervalMs;
        this.alarms = alarms;
        registerAssignmentMetrics(metrics, metricGroupPrefix + "-coordinator-metrics");
    }

    @Override
    protected String protocolType() {
        return PROTOCOL_TYPE;
    }

    /**
     * Finds the coordinator, joins when needed, keeps heartbeats flowing, until {@code timeoutMs}
     * passes or an assignment has been handed to the listener.
     *
     * @throws WakeupException when {@link ConsumerNetworkClient#wakeup()} was called or the
     *                         deadline cut a join short
     */
    void poll(long timeoutMs) {
        long start = time.milliseconds();
        long deadline = timeoutMs >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + timeoutMs;
        assignedDuringPoll = false;
        do {
            long now = time.milliseconds();
            if (leftForSlowPoll) {
                leftForSlowPoll = false;
                revokeEverything("this worker left the group because poll was not called within rebalance.timeout.ms");
            }
            if (now >= scheduledRejoinAtMs) {
                scheduledRejoinAtMs = Long.MAX_VALUE;
                requestRejoinByWorker("the leader asked for a rebalance after its scheduled delay");
            }
            if (coordinatorUnknown()) {
                long wait = Math.max(0, Math.min(deadline - now, heartbeatIntervalMs));
                if (ensureCoordinatorReady(time.timer(wait))) {
                    noteReachable();
                } else {
                    noteUnreachable(time.milliseconds());
                }
            }
            if (!coordinatorUnknown() && rejoinNeededOrPending()) {
                joinUntil(deadline);
                if (assignedDuringPoll) {
                    return;
                }
            }
            now = time.milliseconds();
            pollHeartbeat(now);
            long wait = Math.max(0, Math.min(deadline - now, timeToNextHeartbeat(now)));
            client.poll(time.timer(wait));
        } while (time.milliseconds() < deadline);
    }

    /** Runs the base class's unbounded join, cut off by a wakeup at the deadline. */
    private void joinUntil(long deadline) {
        long remaining = deadline - time.milliseconds();
        if (remaining <= 0) {
            return;
        }
        ScheduledFuture<?> alarm = alarms.schedule(client::wakeup, remaining, TimeUnit.MILLISECONDS);
        try {
            ensureActiveGroup();
        } finally {
            if (!alarm.cancel(false)) {
                swallowAlarmWakeup(alarm);
            }
        }
    }

    /**
     * The alarm fired: make sure its wakeup does not cut the next poll short. The deadline has
     * passed, so the caller returns anyway.
     */
    private void swallowAlarmWakeup(ScheduledFuture<?> alarm) {
        try {
            alarm.get();
            client.maybeTriggerWakeup();
        } catch (WakeupException expected) {
            // the flag the alarm set, cleared
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.debug("The poll deadline alarm failed", e);
        }
        throw new WakeupException();
    }

    private void noteReachable() {
        if (unreachableLoggedAtMs >= 0) {
            log.info("Reached the coordinator of Connect group '{}' again after {} ms", groupId,
                    time.milliseconds() - unreachableSinceMs);
        }
        unreachableSinceMs = -1;
        unreachableLoggedAtMs = -1;
    }

    private void noteUnreachable(long now) {
        if (unreachableSinceMs < 0) {
            // A short poll may end before a healthy coordinator answers; say nothing yet.
            unreachableSinceMs = now;
            unreachableLoggedAtMs = -1;
        } else if (unreachableLoggedAtMs < 0 && now - unreachableSinceMs >= heartbeatIntervalMs) {
            unreachableLoggedAtMs = now;
            log.warn("Cannot reach the coordinator of Connect group '{}' after {} ms; retrying. Check that the "
                    + "brokers in bootstrap.servers are up and reachable from this worker.", groupId, now - unreachableSinceMs);
        } else if (unreachableLoggedAtMs >= 0 && now - unreachableLoggedAtMs >= UNREACHABLE_LOG_INTERVAL_MS) {
            unreachableLoggedAtMs = now;
            log.warn("Still cannot reach the coordinator of Connect group '{}' after {} ms; retrying", groupId,
                    now - unreachableSinceMs);
        }
        if (current != null && now - unreachableSinceMs >= sessionTimeoutMs) {
            revokeEverything("this worker has been out of touch with the group for " + (now - unreachableSinceMs)
                    + " ms, longer than session.timeout.ms (" + sessionTimeoutMs + " ms)");
        }
    }

    /** Stops all work on this worker's own account: the group has handed it to others. */
    private void revokeEverything(String why) {
        WorkerAssignment held = current;
        if (held == null) {
            return;
        }
        log.warn("Stopping all {} connectors and {} tasks of this worker: {}, so the group has given them to other "
                + "workers", held.connectors().size(), held.tasks().size(), why);
        current = null;
        listener.onRevoked(null, held.connectors(), held.tasks());
    }

    /**
     * Called on the heartbeat thread when the herder has not polled within
     * {@code rebalance.timeout.ms}: leave, so the others take over, and stop the work on the next poll.
     */
    @Override
    protected void handlePollTimeoutExpiry() {
        log.warn("The herder has not polled the Connect group for longer than rebalance.timeout.ms; leaving the group "
                + "so other workers take over. A slow connector or task operation on the herder thread is the usual "
                + "cause; this worker rejoins on its next poll.");
        leftForSlowPoll = true;
        maybeLeaveGroup(CloseOptions.GroupMembershipOperation.DEFAULT, "the worker's poll timeout expired");
    }

    @Override
    protected JoinGroupRequestProtocolCollection metadata() {
        rejoinRequestsSent = rejoinRequests.get();
        long configOffset = configuredWork.get().configOffset();
        WorkerAssignment allocation = allocation();
        JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestProtocolCollection();
        for (Subprotocol protocol : configured.offered()) {
            protocols.add(new JoinGroupRequestProtocol()
                    .setName(protocol.protocolName())
                    .setMetadata(GroupProtocolCodec.subscription(protocol, restUrl, configOffset, allocation)));
        }
        return protocols;
    }

    /** What this worker runs, as it reports it when joining: no revocations, no delay. */
    private WorkerAssignment allocation() {
        WorkerAssignment held = current;
        if (held == null) {
            return null;
        }
        return new WorkerAssignment(held.error(), held.leaderId(), held.leaderUrl(), held.configOffset(),
                held.connectors(), held.tasks(), List.of(), List.of(), 0);
    }

    @Override
    protected boolean onJoinPrepare(Timer timer, int generation, String memberId) {
        WorkerAssignment held = current;
        if (!active.cooperative() && held != null && !(held.connectors().isEmpty() && held.tasks().isEmpty())) {
            log.info("Rebalance started; the eager protocol stops all {} connectors and {} tasks first",
                    held.connectors().size(), held.tasks().size());
            current = null;
            listener.onRevoked(held.leaderId(), held.connectors(), held.tasks());
        } else {
            log.info("Rebalance started; this worker keeps running its work unless the leader revokes it");
        }
        return true;
    }

    /** The advertised REST URLs of the members in the last rebalance this worker led (empty before). */
    List<String> memberUrls() {
        return memberUrls;
    }

    @Override
    protected Map<String, ByteBuffer> onLeaderElected(String leaderId, String protocol,
                                                      List<JoinGroupResponseMember> allMemberMetadata,
                                                      boolean skipAssignment) {
        Subprotocol chosen = Subprotocol.ofName(protocol);
        Map<String, MemberSubscription> members = new LinkedHashMap<>();
        for (JoinGroupResponseMember member : allMemberMetadata) {
            members.put(member.memberId(), GroupProtocolCodec.readSubscription(ByteBuffer.wrap(member.metadata())));
        }
        memberUrls = members.values().stream().map(MemberSubscription::url).toList();
        ClusterWork work = configuredWork.get();
        Map<String, WorkerAssignment> assignments = chosen.cooperative()
                ? new CooperativeAssignor().assign(leaderId, members, work)
                : new EagerAssignor().assign(leaderId, members, work);
        if (assignments.values().stream().noneMatch(WorkerAssignment::failed)) {
            log.info("Elected leader of Connect group '{}' with {} members ({} protocol); assigned {} connectors and "
                    + "{} tasks at config offset {}", groupId, members.size(), chosen.protocolName(),
                    work.taskCounts().size(), work.taskCounts().values().stream().mapToInt(Integer::intValue).sum(),
                    work.configOffset());
        }
        Map<String, ByteBuffer> encoded = new LinkedHashMap<>();
        assignments.forEach((member, assignment) ->
                encoded.put(member, GroupProtocolCodec.assignment(assignment, chosen.version())));
        return encoded;
    }

    @Override
    protected void onJoinComplete(int generation, String memberId, String protocol, ByteBuffer memberAssignment) {
        Subprotocol chosen = Subprotocol.ofName(protocol);
        WorkerAssignment received = GroupProtocolCodec.readAssignment(memberAssignment);
        WorkerAssignment previous = current;
        WorkerAssignment full;
        if (received.failed()) {
            log.warn("The leader could not assign work at generation {}: its config topic view is behind offset {}. "
                    + "Keeping the current work until the next rebalance", generation, received.configOffset());
            full = new WorkerAssignment(received.error(), received.leaderId(), received.leaderUrl(),
                    received.configOffset(), previous == null ? List.of() : previous.connectors(),
                    previous == null ? List.of() : previous.tasks(), List.of(), List.of(), received.delayMs());
        } else if (chosen.cooperative()) {
            if (received.revokesAnything()) {
                listener.onRevoked(received.leaderId(), received.revokedConnectors(), received.revokedTasks());
            }
            full = new WorkerAssignment(received.error(), received.leaderId(), received.leaderUrl(),
                    received.configOffset(),
                    merge(previous == null ? List.of() : previous.connectors(), received.revokedConnectors(),
                            received.connectors()),
                    merge(previous == null ? List.of() : previous.tasks(), received.revokedTasks(), received.tasks()),
                    received.revokedConnectors(), received.revokedTasks(), received.delayMs());
        } else {
            stopWhatEagerAssignmentDropped(previous, received);
            full = received;
        }
        active = chosen;
        joinedMemberId = memberId;
        joinedGeneration = generation;
        current = full;
        if (full.delayMs() > 0) {
            scheduledRejoinAtMs = time.milliseconds() + full.delayMs();
        }
        log.info("Joined Connect group '{}' at generation {} ({} protocol) as {}{}: running {} connectors and {} "
                + "tasks, {} connectors and {} tasks revoked", groupId, generation, chosen.protocolName(), memberId,
                memberId.equals(full.leaderId()) ? " (leader)" : "", full.connectors().size(), full.tasks().size(),
                full.revokedConnectors().size(), full.revokedTasks().size());
        delivering = true;
        try {
            listener.onAssigned(full, generation);
        } finally {
            delivering = false;
        }
        assignedDuringPoll = true;
        if (full.revokesAnything()) {
            requestRejoinByWorker("connectors or tasks were revoked, so the next round can place them");
        }
    }

    /**
     * Switching from a cooperative to the eager protocol leaves this worker running what it had,
     * while the eager leader dealt everything afresh: stop what is not ours any more.
     */
    private void stopWhatEagerAssignmentDropped(WorkerAssignment previous, WorkerAssignment received) {
        if (previous == null) {
            return;
        }
        List<String> connectors = new ArrayList<>(previous.connectors());
        connectors.removeAll(received.connectors());
        List<ConnectorTaskId> tasks = new ArrayList<>(previous.tasks());
        tasks.removeAll(received.tasks());
        if (!connectors.isEmpty() || !tasks.isEmpty()) {
            listener.onRevoked(received.leaderId(), connectors, tasks);
        }
    }

    private static <T> List<T> merge(List<T> held, List<T> revoked, List<T> added) {
        Set<T> result = new LinkedHashSet<>(held);
        revoked.forEach(result::remove);
        result.addAll(added);
        return new ArrayList<>(result);
    }

    @Override
    protected synchronized boolean rejoinNeededOrPending() {
        return super.rejoinNeededOrPending() || current == null || rejoinRequests.get() > rejoinRequestsSent;
    }

    /**
     * Asks for a rebalance on the next poll. A request made while a join is already under way is
     * kept for the join after it, unless that join's subscription was built after the request.
     */
    void requestRejoinByWorker(String reason) {
        log.debug("Rejoin requested: {}", reason);
        rejoinRequests.incrementAndGet();
    }

    /** Whether a rejoin is needed or under way; false while the listener receives an assignment. */
    boolean rebalancing() {
        return !delivering && rejoinNeededOrPending();
    }

    /** Whether this worker holds an assignment and hears from its group coordinator, with no rebalance pending. */
    boolean settledMember() {
        return current != null && !coordinatorUnknown() && !rebalancing();
    }

    /** Leaves the group (so the others rebalance at once) and stops the heartbeat thread. */
    void leave(long timeoutMs) {
        close(time.timer(timeoutMs), CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    WorkerAssignment current() {
        return current;
    }

    String joinedMemberId() {
        return joinedMemberId;
    }

    int joinedGeneration() {
        return joinedGeneration;
    }

    short protocolVersion() {
        return active.version();
    }

    private void registerAssignmentMetrics(Metrics metrics, String group) {
        Measurable connectors = (config, now) -> {
            WorkerAssignment held = current;
            return held == null ? 0 : held.connectors().size();
        };
        Measurable tasks = (config, now) -> {
            WorkerAssignment held = current;
            return held == null ? 0 : held.tasks().size();
        };
        metrics.addMetric(metrics.metricName("assigned-connectors", group,
                "The number of connector instances currently assigned to this worker"), connectors);
        metrics.addMetric(metrics.metricName("assigned-tasks", group,
                "The number of tasks currently assigned to this worker"), tasks);
    }
}

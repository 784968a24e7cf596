package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.metrics.RebalanceMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The herder thread's loop, and the membership's listener: reads the config store, then turns,
 * each turn keeping the membership alive (which delivers revocations and assignments on this
 * thread), acting on config changes, doing the leader's duties and running the queued requests,
 * until the herder stops; then it stops this worker's work, leaves the membership and fails what
 * still waits. See {@link WorkerHerder} for the design.
 *
 * <p>Thread contract: {@link #run} is the herder thread; the {@link GroupListener} calls arrive
 * on it, inside {@link Membership#poll}, and so do the {@link ConfigChanges.Reactions}. {@link #stop}, {@link #joined()} and the start stage may
 * be used from any thread.
 */
final class HerderLoop implements Runnable, GroupListener, ConfigChanges.Reactions {
    private static final Logger log = LoggerFactory.getLogger(HerderLoop.class);
    private static final long IDLE_POLL_MS = 1000;
    /** How soon tasks kept aside for the fencing hook are asked about again. */
    private static final long DEFERRED_POLL_MS = 200;
    /** Apache's names of the protocol versions, for the {@code connect-protocol} metric. */
    private static final String[] PROTOCOL_NAMES = {"EAGER", "COMPATIBLE", "SESSIONED"};

    /** The herder's collaborators the loop drives. */
    record Parts(Membership membership, ConfigStore store, ConfigView view, RequestQueue queue, ConfigChanges changes,
                 OwnedWork owned, LeaderDuties leader, TaskConfigUpdates taskConfigs, Restarts restarts,
                 CreateAnswers answers, Worker worker, ModeRules mode, ClusterSettings settings, Time time,
                 Consumer<String> forgetConnector, Runnable closeResources) {
    }

    private final Parts p;
    private final Membership membership;
    private final CompletableFuture<Void> firstAssignment = new CompletableFuture<>();
    private volatile boolean stopping;
    private volatile boolean joined;
    private volatile String startupProblem;
    private boolean catchUpNeeded;
    /** On the monotonic clock (whose origin is arbitrary, so "none" is Long.MIN_VALUE, not 0). */
    private long nextCatchUpAttemptMs = Long.MIN_VALUE;
    private boolean rebalanceNoted;
    /** This herder asked for an assignment that has not arrived yet. */
    private boolean rejoinPending;
    private boolean leading;

    HerderLoop(Parts parts) {
        this.p = parts;
        this.membership = parts.membership();
    }

    /** Completes at the first assignment; fails when a cluster of one cannot read its config store. */
    CompletableFuture<Void> firstAssignment() {
        return firstAssignment;
    }

    boolean joined() {
        return joined;
    }

    String startupProblem() {
        return startupProblem;
    }

    boolean stopping() {
        return stopping;
    }

    /** {@code healthy} only when the herder thread answers; a start-up problem makes it unhealthy. */
    CompletionStage<Herder.WorkerHealth> health() {
        String problem = startupProblem;
        if (problem != null) {
            return CompletableFuture.completedFuture(new Herder.WorkerHealth("unhealthy", problem));
        }
        if (!joined) {
            return CompletableFuture.completedFuture(new Herder.WorkerHealth("starting", p.mode().startingMessage()));
        }
        return p.queue().submitAnytime(() -> new Herder.WorkerHealth("healthy",
                "Worker has completed startup and is ready to handle requests."));
    }

    void stop() {
        stopping = true;
        membership.wakeup();
    }

    /** Asks the membership for a new assignment; requests wait until it arrived. */
    void requestRejoin(String reason) {
        rejoinPending = true;
        membership.requestRejoin(reason);
    }

    @Override
    public void run() {
        try {
            if (!startStore()) {
                return;
            }
            while (!stopping) {
                try {
                    turn();
                } catch (Throwable e) {
                    // Errors too (a plugin's NoClassDefFoundError from a call made on this thread): the herder
                    // thread is the worker's only one, and it must outlive any one connector
                    log.error("Unexpected problem in the herder loop; carrying on", e);
                    sleepQuietly(1000);
                }
            }
        } finally {
            shutDown();
        }
    }

    /** Reads the config store, retrying (in a cluster) while it cannot be read; false if that ended the herder. */
    private boolean startStore() {
        long backoffMs = 1000;
        while (!stopping) {
            try {
                p.store().start(p.changes());
                p.view().update(p.store().snapshot());
                startupProblem = null;
                log.info("Read {} up to offset {}: {} connector(s)", p.settings().configStoreName(),
                        p.view().snapshot().offset(), p.view().snapshot().connectors().size());
                return true;
            } catch (RuntimeException e) {
                startupProblem = "Could not read " + p.settings().configStoreName() + ": " + e.getMessage();
                if (!p.mode().retriesConfigStoreStart()) {
                    firstAssignment.completeExceptionally(e);
                    return false;
                }
                log.error("{} Check bootstrap.servers and the topic; retrying in {} ms", Sentences.end(startupProblem), backoffMs);
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        return false;
    }

    private void turn() {
        p.queue().runAnytime();
        if (catchUpNeeded && !catchUpWithConfigStore()) {
            return;
        }
        long idleMs = Math.min(p.owned().hasDeferred() ? DEFERRED_POLL_MS : IDLE_POLL_MS, p.taskConfigs().msUntilRetry());
        membership.poll(hasWaitingWork() ? 0 : idleMs);
        if (stopping) {
            return;
        }
        if (membership.rebalancing()) {
            noteRebalanceStarted();
        }
        p.queue().runAnytime();
        p.changes().apply();
        if (!joined || catchUpNeeded || awaitingAssignment()) {
            return;
        }
        p.owned().retryDeferred();
        if (membership.isLeader()) {
            p.leader().rotateSessionKeyIfDue();
        }
        p.restarts().applyRequests();
        p.taskConfigs().regenerate();
        p.queue().runSettled(() -> !awaitingAssignment() && !stopping);
        if (!awaitingAssignment()) {
            p.answers().settleWritten();
        }
    }

    private boolean awaitingAssignment() {
        return rejoinPending || membership.rebalancing();
    }

    private boolean hasWaitingWork() {
        if (!joined || membership.rebalancing()) {
            return false;
        }
        return rejoinPending || p.queue().hasWaiting() || p.restarts().hasRequests() || p.taskConfigs().hasRequests()
                || p.changes().pending();
    }

    /** The config store must be read up to what the leader assigned from; otherwise rejoin later. */
    private boolean catchUpWithConfigStore() {
        // Monotonic: with the wall clock set back an hour, the worker would stay out of its group an hour.
        if (p.time().hiResClockMs() < nextCatchUpAttemptMs) {
            sleepQuietly(Math.min(200, nextCatchUpAttemptMs - p.time().hiResClockMs()));
            return false;
        }
        try {
            p.store().refresh(p.settings().syncTimeout());
            p.changes().applyOwnWrite();
            catchUpNeeded = false;
            requestRejoin("caught up with the config topic");
            return true;
        } catch (TimeoutException | RuntimeException e) {
            log.warn("Could not read {} to its end within worker.sync.timeout.ms ({}); trying again in {} ms "
                    + "(worker.unsync.backoff.ms)", p.settings().configStoreName(), e.getMessage(),
                    p.settings().unsyncBackoffMs());
            nextCatchUpAttemptMs = p.time().hiResClockMs() + p.settings().unsyncBackoffMs();
            return false;
        }
    }

    private void shutDown() {
        log.info("Stopping the herder: {} connector(s) and {} task(s) run here", p.owned().connectors().size(),
                p.owned().tasks().size());
        try {
            p.owned().stopAll();
        } catch (RuntimeException e) {
            log.warn("Stopping connectors and tasks did not finish cleanly: {}", e.toString());
        }
        membership.close();
        p.queue().close("The worker is shutting down; send the request to another worker");
        p.answers().failAll(new ConnectException("The worker is shutting down"));
        firstAssignment.completeExceptionally(new ConnectException("The worker stopped before it started"));
        p.closeResources().run();
        log.info("Herder stopped");
    }

    // ---- reactions to a new snapshot (this thread, ConfigChanges) -------------------------------

    @Override
    public void removed(String connector) {
        p.taskConfigs().cancel(connector);
        p.answers().removed(connector);
        p.forgetConnector().accept(connector);
    }

    @Override
    public void assignmentChanged() {
        // Every worker rejoins as soon as it reads the change, not only the leader: the others
        // would otherwise learn of the rebalance from their next heartbeat, seconds later.
        requestRejoin("connectors or tasks were added or removed");
    }

    @Override
    public void applied(ClusterConfigState snapshot) {
        if (p.mode().removesStaleStatusesAtOnce()) {
            p.leader().removeStaleStatuses();
        }
    }

    // ---- the membership (on this thread, inside poll) -------------------------------------------

    /** What the config store says should run: every connector with its task count (0 when STOPPED). */
    static ClusterWork clusterWork(ClusterConfigState state) {
        Map<String, Integer> taskCounts = new LinkedHashMap<>();
        for (String connector : state.connectors()) {
            taskCounts.put(connector, state.targetState(connector) == TargetState.STOPPED ? 0 : state.taskCount(connector));
        }
        return new ClusterWork(state.offset(), taskCounts);
    }

    @Override
    public void onRevoked(String leaderId, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        if (connectors.isEmpty() && tasks.isEmpty()) {
            return;
        }
        noteRebalanceStarted();
        log.info("Rebalance revoked {} connector(s) {} and {} task(s) {}", connectors.size(), connectors, tasks.size(), tasks);
        p.owned().handOver(connectors, tasks);
    }

    @Override
    public void onAssigned(WorkerAssignment assignment, int generation) {
        rejoinPending = false;
        if (assignment.failed()) {
            log.info("The leader's view of the config topic differs from this worker's (offset {}); reading it again "
                    + "and rejoining", assignment.configOffset());
            catchUpNeeded = true;
            nextCatchUpAttemptMs = Long.MIN_VALUE;
            return;
        }
        if (assignment.configOffset() > p.store().snapshot().offset()) {
            try {
                p.store().refresh(p.settings().syncTimeout());
            } catch (TimeoutException | RuntimeException e) {
                log.warn("Could not read the config topic up to the assignment's offset {}: {}", assignment.configOffset(),
                        e.getMessage());
                catchUpNeeded = true;
                nextCatchUpAttemptMs = Long.MIN_VALUE;
                return;
            }
        }
        p.changes().applyOwnWrite();
        OwnedWork owned = p.owned();
        Set<String> connectors = new TreeSet<>(assignment.connectors());
        Set<ConnectorTaskId> tasks = new TreeSet<>(assignment.tasks());
        List<String> connectorsToStop = new ArrayList<>(owned.connectors());
        connectorsToStop.removeAll(connectors);
        List<ConnectorTaskId> tasksToStop = new ArrayList<>(owned.tasks());
        tasksToStop.removeAll(tasks);
        owned.handOver(connectorsToStop, tasksToStop);
        owned.keepDeferredOnly(tasks);
        int startedConnectors = 0;
        int startedTasks = 0;
        for (String connector : connectors) {
            if (!owned.runs(connector) && owned.startConnector(connector)) {
                startedConnectors++;
            }
        }
        for (ConnectorTaskId task : tasks) {
            if (!owned.runs(task) && owned.startTask(task)) {
                startedTasks++;
            }
        }
        joined = true;
        rebalanceNoted = false;
        if (p.mode().hasPeers()) {
            RebalanceMetrics metrics = p.worker().metrics().rebalance();
            metrics.rebalanceCompleted(generation);
            metrics.leader(assignment.leaderUrl());
            metrics.protocol(PROTOCOL_NAMES[Math.min(membership.protocolVersion(), 2)]);
        }
        if (membership.isLeader() && !leading) {
            claimWritePrivileges();
        } else if (leading && !membership.isLeader()) {
            p.taskConfigs().leadershipLost();
        }
        leading = membership.isLeader();
        if (leading) {
            p.leader().removeStaleStatuses();
        }
        if (p.mode().hasPeers()) {
            log.info("Joined generation {} as {} (leader {}): running {} connector(s) and {} task(s), {} and {} of them "
                    + "new", generation, membership.isLeader() ? "leader" : "follower", assignment.leaderUrl(),
                    owned.connectors().size(), owned.tasks().size(), startedConnectors, startedTasks);
        } else {
            log.debug("Assignment {}: running {} connector(s) and {} task(s)", generation, owned.connectors().size(),
                    owned.tasks().size());
        }
        firstAssignment.complete(null);
    }

    /** A new leader fences out the previous leader's writer, where the store has one. */
    private void claimWritePrivileges() {
        try {
            p.store().claimWritePrivileges();
        } catch (RuntimeException e) {
            log.warn("Could not claim the leader's write privileges on {} yet; the next leader write tries again: {}",
                    p.settings().configStoreName(), e.toString());
        }
    }

    /** Counts a rebalance once, from the first sign of it until the assignment arrives. */
    private void noteRebalanceStarted() {
        if (!rebalanceNoted && p.mode().hasPeers()) {
            rebalanceNoted = true;
            p.worker().metrics().rebalance().rebalanceStarted();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.ferry.runtime.cluster;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The membership of a standalone worker: a cluster of one that always leads and is assigned
 * everything. Each assignment (on the first {@link #poll}, and on the first poll after each
 * {@link #requestRejoin}) names every connector and task the configured work lists; what an
 * earlier assignment had and this one lacks is revoked first, exactly as a group member would hear
 * it, so the herder needs no standalone branch to start and stop work.
 *
 * <p>Thread contract: as {@link Membership}; {@link #requestRejoin} may also be called from any
 * thread and then wakes a blocked {@link #poll}.
 */
public final class SoloMembership implements Membership {
    /** The sessioned protocol: the only worker is its own leader and signs nothing it sends elsewhere. */
    private static final short PROTOCOL_VERSION = 2;

    private final String restUrl;
    private final Supplier<ClusterWork> configuredWork;
    private final GroupListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();

    /** Guarded by {@link #lock}. */
    private boolean rejoinRequested = true;
    /** Guarded by {@link #lock}. */
    private boolean wakeupPending;
    private volatile int generation = -1;
    /** The last assignment delivered; herder thread only. */
    private WorkerAssignment current;
    private boolean closed;

    /**
     * @param restUrl        this worker's advertised REST URL; also the leader id and leader URL
     * @param configuredWork what the worker should run, asked on the poll thread at each assignment
     * @param listener       receives revocations and assignments, on the poll thread
     */
    public SoloMembership(String restUrl, Supplier<ClusterWork> configuredWork, GroupListener listener) {
        this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
        this.configuredWork = Objects.requireNonNull(configuredWork, "configuredWork");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Delivers a full assignment if one is due and returns; otherwise waits up to
     * {@code timeoutMs}, or until {@link #wakeup} or {@link #requestRejoin}.
     *
     * @throws InterruptException if the calling thread is interrupted while waiting
     */
    @Override
    public void poll(long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("poll timeout must be 0 or more, was " + timeoutMs);
        }
        if (closed) {
            throw new IllegalStateException("This membership is closed; create a new one");
        }
        boolean assign;
        lock.lock();
        try {
            if (!rejoinRequested && !wakeupPending && timeoutMs > 0) {
                signalled.await(timeoutMs, TimeUnit.MILLISECONDS);
            }
            assign = rejoinRequested;
            rejoinRequested = false;
            wakeupPending = false;
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            lock.unlock();
        }
        if (assign) {
            assignEverything();
        }
    }

    @Override
    public void wakeup() {
        signal(false);
    }

    @Override
    public void requestRejoin(String reason) {
        signal(true);
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    /** True only before the first assignment. */
    @Override
    public boolean rebalancing() {
        return generation < 0;
    }

    @Override
    public String leaderUrl() {
        return restUrl;
    }

    @Override
    public List<String> memberUrls() {
        return List.of(restUrl);
    }

    @Override
    public short protocolVersion() {
        return PROTOCOL_VERSION;
    }

    @Override
    public boolean distributed() {
        return false;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void signal(boolean rejoin) {
        lock.lock();
        try {
            if (rejoin) {
                rejoinRequested = true;
            } else {
                wakeupPending = true;
            }
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void assignEverything() {
        ClusterWork work = configuredWork.get();
        List<String> connectors = new ArrayList<>(work.taskCounts().keySet());
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : work.taskCounts().entrySet()) {
            for (int task = 0; task < entry.getValue(); task++) {
                tasks.add(new ConnectorTaskId(entry.getKey(), task));
            }
        }
        List<String> revokedConnectors = new ArrayList<>();
        List<ConnectorTaskId> revokedTasks = new ArrayList<>();
        if (current != null) {
            Set<String> keptConnectors = new HashSet<>(connectors);
            Set<ConnectorTaskId> keptTasks = new HashSet<>(tasks);
            current.connectors().stream().filter(c -> !keptConnectors.contains(c)).forEach(revokedConnectors::add);
            current.tasks().stream().filter(t -> !keptTasks.contains(t)).forEach(revokedTasks::add);
        }
        if (!revokedConnectors.isEmpty() || !revokedTasks.isEmpty()) {
            listener.onRevoked(restUrl, revokedConnectors, revokedTasks);
        }
        current = new WorkerAssignment(WorkerAssignment.NO_ERROR, restUrl, restUrl, work.configOffset(), connectors,
                tasks, revokedConnectors, revokedTasks, 0);
        generation = generation < 0 ? 1 : generation + 1;
        listener.onAssigned(current, generation);
    }
}

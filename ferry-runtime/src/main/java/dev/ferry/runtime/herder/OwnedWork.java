package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this worker runs: the connectors and tasks it was assigned and started, each from the
 * herder's current snapshot. Every start and stop of an instance goes through here, so the two
 * sets always say what the {@link Worker} runs. A task the {@link TaskFencing} hook is not ready
 * for is kept aside and started on a later turn, for as long as it stays assigned.
 *
 * <p>Thread contract: herder thread only.
 */
final class OwnedWork {
    private static final Logger log = LoggerFactory.getLogger(OwnedWork.class);

    private final Worker worker;
    private final ConfigView view;
    private final TaskFencing fencing;
    private final Consumer<String> connectorStopped;
    private final Consumer<String> connectorNotStarted;
    private final Set<String> connectors = new TreeSet<>();
    private final Set<ConnectorTaskId> tasks = new TreeSet<>();
    /** Assigned tasks waiting for the fencing hook. */
    private final Set<ConnectorTaskId> deferred = new TreeSet<>();

    /**
     * @param connectorStopped    told when a connector stopped running here (pending work for it is void)
     * @param connectorNotStarted told when a connector could not be started (nothing will report on it)
     */
    OwnedWork(Worker worker, ConfigView view, TaskFencing fencing, Consumer<String> connectorStopped,
              Consumer<String> connectorNotStarted) {
        this.worker = worker;
        this.view = view;
        this.fencing = fencing;
        this.connectorStopped = connectorStopped;
        this.connectorNotStarted = connectorNotStarted;
    }

    Set<String> connectors() {
        return connectors;
    }

    Set<ConnectorTaskId> tasks() {
        return tasks;
    }

    boolean runs(String connector) {
        return connectors.contains(connector);
    }

    boolean runs(ConnectorTaskId task) {
        return tasks.contains(task);
    }

    /** Whether the connector or any of its tasks runs here. */
    boolean runsAnyOf(String connector) {
        return connectors.contains(connector) || !tasksOf(connector).isEmpty();
    }

    List<ConnectorTaskId> tasksOf(String connector) {
        List<ConnectorTaskId> mine = new ArrayList<>();
        for (ConnectorTaskId task : tasks) {
            if (task.connector().equals(connector)) {
                mine.add(task);
            }
        }
        return mine;
    }

    boolean startConnector(String connector) {
        ClusterConfigState snapshot = view.snapshot();
        if (!snapshot.contains(connector)) {
            log.warn("Not starting connector {}: the config store does not have it (deleted meanwhile?)", connector);
            return false;
        }
        try {
            worker.startConnector(connector, snapshot.connectorConfig(connector), snapshot.targetState(connector));
            connectors.add(connector);
            return true;
        } catch (RuntimeException e) {
            log.error("Could not start connector {}", connector, e);
            connectorNotStarted.accept(connector);
            return false;
        }
    }

    /** Starts the task, or keeps it aside when the fencing hook is not ready for it; false unless it started. */
    boolean startTask(ConnectorTaskId task) {
        ClusterConfigState snapshot = view.snapshot();
        String connector = task.connector();
        if (!snapshot.contains(connector) || task.task() >= snapshot.taskCount(connector)) {
            log.warn("Not starting task {}: the config store has no config for it (changed meanwhile?)", task);
            deferred.remove(task);
            return false;
        }
        if (!fencing.readyToStart(task, snapshot)) {
            if (deferred.add(task)) {
                log.info("Task {} waits until the previous generation of its connector's tasks is fenced", task);
            }
            return false;
        }
        deferred.remove(task);
        try {
            worker.startTask(task, snapshot.connectorConfig(connector), snapshot.taskConfig(task),
                    snapshot.targetState(connector));
            tasks.add(task);
            return true;
        } catch (RuntimeException e) {
            log.error("Could not start task {}", task, e);
            return false;
        }
    }

    /**
     * Stops (and waits for) the given instances, which stay this worker's concern (deleted,
     * reconfigured, restarted here); tasks first, as their connector may be needed while they stop.
     */
    void stop(Collection<String> stopConnectors, Collection<ConnectorTaskId> stopTasks) {
        stop(stopConnectors, stopTasks, false);
    }

    /**
     * As {@link #stop}, for instances another worker takes over (revoked, or this worker leaves): a
     * task that does not stop in time is logged, not reported FAILED ({@link Worker#handOverTasks}).
     */
    void handOver(Collection<String> stopConnectors, Collection<ConnectorTaskId> stopTasks) {
        stop(stopConnectors, stopTasks, true);
    }

    private void stop(Collection<String> stopConnectors, Collection<ConnectorTaskId> stopTasks, boolean handOver) {
        deferred.removeAll(stopTasks);
        if (!stopTasks.isEmpty()) {
            if (handOver) {
                worker.handOverTasks(stopTasks);
            } else {
                worker.stopAndAwaitTasks(stopTasks);
            }
            tasks.removeAll(stopTasks);
        }
        for (String connector : stopConnectors) {
            worker.stopAndAwaitConnector(connector);
            connectors.remove(connector);
            connectorStopped.accept(connector);
        }
    }

    /** Stops everything as this worker leaves its group: the others take it over. */
    void stopAll() {
        handOver(new ArrayList<>(connectors), new ArrayList<>(tasks));
        deferred.clear();
    }

    /** Forgets deferred tasks that are no longer assigned here. */
    void keepDeferredOnly(Collection<ConnectorTaskId> assigned) {
        deferred.retainAll(assigned);
    }

    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** Asks the fencing hook again about the tasks kept aside. */
    void retryDeferred() {
        for (ConnectorTaskId task : new ArrayList<>(deferred)) {
            startTask(task);
        }
    }
}

package dev.ferry.runtime.herder;

import dev.ferry.runtime.herder.shared.RestartPlan;
import dev.ferry.runtime.herder.shared.StatusRecorder;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import dev.ferry.runtime.model.ConflictException;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out restarts on this worker. A restart request with {@code includeTasks} or
 * {@code onlyFailed} (KIP-745) is stored by the leader and read back by every worker, each of
 * which restarts its own share of the {@link RestartPlan}, worked out from the statuses when the
 * request is read; a plain connector or task restart happens where the instance runs.
 *
 * <p>Thread contract: the commands may be called from any thread and queue their decision;
 * {@link #add} is called from the config store's thread; the rest runs on the herder thread.
 */
final class Restarts {
    private static final Logger log = LoggerFactory.getLogger(Restarts.class);

    private final ConfigView view;
    private final OwnedWork owned;
    private final Worker worker;
    private final StatusRecorder recorder;
    private final StatusReads statuses;
    private final RequestQueue queue;
    private final ConfigStore configStore;
    private final Runnable requireLeader;
    private final String workerId;
    private final String restUrl;
    private final ConcurrentLinkedQueue<RestartRequest> requests = new ConcurrentLinkedQueue<>();

    /**
     * @param workerId this worker's id, as statuses name it
     * @param restUrl  this worker's advertised REST URL, whose scheme other workers share
     */
    Restarts(ConfigView view, OwnedWork owned, Worker worker, StatusRecorder recorder, StatusReads statuses,
             RequestQueue queue, ConfigStore configStore, Runnable requireLeader, String workerId, String restUrl) {
        this.view = view;
        this.owned = owned;
        this.worker = worker;
        this.recorder = recorder;
        this.statuses = statuses;
        this.queue = queue;
        this.configStore = configStore;
        this.requireLeader = requireLeader;
        this.workerId = workerId;
        this.restUrl = restUrl;
    }

    // ---- the commands (any thread; decided on the herder thread) ------------------------------

    CompletionStage<ConnectorStatusReport> restartConnector(RestartRequest request) {
        String connector = request.connector();
        return queue.submit(() -> {
            if (!view.snapshot().contains(connector)) {
                throw new NotFoundException("Unknown connector: " + connector);
            }
            if (request.connectorOnly()) {
                // As in Apache, the plain form restarts the instance where it runs, with no restart record.
                if (owned.runs(connector)) {
                    restartConnectorHere(connector);
                    return null;
                }
                throw notHere("Connector " + connector, statuses.statusOf(connector));
            }
            requireLeader.run();
            ConnectorStatusReport current = statuses.connectorStatusOrNull(connector);
            if (current == null) {
                throw new NotFoundException("Status for connector " + connector + " not found");
            }
            configStore.putRestartRequest(request);
            return RestartPlan.of(request, current).plannedStatus(current);
        });
    }

    CompletionStage<Void> restartTask(ConnectorTaskId task) {
        return queue.submit(() -> {
            String connector = task.connector();
            ClusterConfigState snapshot = view.snapshot();
            if (!snapshot.contains(connector)) {
                throw new NotFoundException("Unknown connector: " + connector);
            }
            if (task.task() < 0 || task.task() >= snapshot.taskCount(connector)) {
                throw new NotFoundException("Unknown task: " + task);
            }
            if (owned.runs(task)) {
                restartTaskHere(task);
                return null;
            }
            throw notHere("Task " + task, statuses.statusOf(task));
        });
    }

    /**
     * For an instance that does not run here: a redirection to the worker its status names, which
     * the REST layer follows as it follows one to the leader.
     */
    private RuntimeException notHere(String instance, Optional<InstanceStatus> status) {
        String owner = status.map(InstanceStatus::workerId).orElse(null);
        if (owner == null || owner.equals(workerId)) {
            return new ConflictException(instance + " is not running on any worker right now (the cluster may be "
                    + "rebalancing); retry in a few seconds");
        }
        String scheme = restUrl.substring(0, restUrl.indexOf("://"));
        return new NotLeaderException(instance + " runs on worker " + owner, scheme + "://" + owner + "/");
    }

    // ---- the herder thread ----------------------------------------------------------------------

    /** A stored restart request was read. */
    void add(RestartRequest request) {
        requests.add(request);
    }

    boolean hasRequests() {
        return !requests.isEmpty();
    }

    /** Restarts this worker's share of each request read so far. */
    void applyRequests() {
        RestartRequest request;
        while ((request = requests.poll()) != null) {
            String connector = request.connector();
            ConnectorStatusReport current = view.snapshot().contains(connector) ? statuses.connectorStatusOrNull(connector) : null;
            if (current == null) {
                continue;
            }
            RestartPlan plan = RestartPlan.of(request, current);
            List<ConnectorTaskId> tasks = new ArrayList<>(plan.tasks());
            tasks.retainAll(owned.tasks());
            boolean connectorHere = plan.connector() && owned.runs(connector);
            if (!connectorHere && tasks.isEmpty()) {
                continue;
            }
            log.info("Restarting {}{} as requested", connectorHere ? "connector " + connector + " and " : "",
                    tasks.isEmpty() ? "no tasks" : "tasks " + tasks);
            // Apache's order: stop (the instances report UNASSIGNED), then RESTARTING, then start.
            owned.stop(connectorHere ? List.of(connector) : List.of(), tasks);
            tasks.forEach(t -> {
                recorder.taskStateByHerder(t, State.RESTARTING);
                worker.metrics().restartingTasks().add(t);
            });
            if (connectorHere) {
                recorder.connectorStateByHerder(connector, State.RESTARTING);
                owned.startConnector(connector);
            }
            tasks.forEach(owned::startTask);
        }
    }

    /** Restarts the connector instance running here. */
    void restartConnectorHere(String connector) {
        owned.stop(List.of(connector), List.of());
        owned.startConnector(connector);
    }

    /** Restarts the task running here. */
    void restartTaskHere(ConnectorTaskId task) {
        owned.stop(List.of(), List.of(task));
        owned.startTask(task);
    }
}

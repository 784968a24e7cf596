package dev.ferry.runtime.herder;

import dev.ferry.runtime.herder.shared.StatusRecorder;
import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.StatusStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * Answers status questions ({@code GET /connectors/{c}/status}, a task's status, the topics a
 * connector used) straight from the status store and the herder's snapshot, without queueing
 * on the herder thread. In a cluster, statuses the leader has not yet removed (of a deleted
 * connector, of tasks beyond the task count) are left out. While the worker cannot do its work
 * ({@link WorkerReadiness}: Kafka unreachable), RUNNING statuses carry the reason as their trace
 * and the worker's health is unhealthy with it: such a status was stored before the outage and the
 * task cannot make progress, which RUNNING alone would hide.
 *
 * <p>Thread contract: any thread; both stores are safe for concurrent use.
 */
final class StatusReads {
    private final StatusStore store;
    private final ConfigView view;
    private final ModeRules mode;
    private final ActiveTopics topics;
    private final StatusRecorder recorder;
    private final WorkerReadiness readiness;
    /**
     * Connector types by class name and version spec. The plugins are fixed once discovered, and
     * {@code GET /connectors?expand=status} asks for every connector's type on every read: without this, one plugin
     * registry lookup per connector per read. Only SOURCE and SINK are kept; UNKNOWN is asked again.
     */
    private final Map<List<String>, ConnectorType> types = new ConcurrentHashMap<>();

    StatusReads(StatusStore store, ConfigView view, ModeRules mode, ActiveTopics topics, StatusRecorder recorder,
                WorkerReadiness readiness) {
        this.readiness = readiness;
        this.store = store;
        this.view = view;
        this.mode = mode;
        this.topics = topics;
        this.recorder = recorder;
    }

    ConnectorStatusReport connectorStatus(String connector) {
        ClusterConfigState snapshot = view.snapshot();
        boolean hide = mode.hidesStaleStatuses();
        InstanceStatus status = store.connector(connector).filter(s -> !hide || snapshot.contains(connector))
                .orElseThrow(() -> new NotFoundException("No status found for connector " + connector));
        int taskCount = snapshot.taskCount(connector);
        List<TaskStatusReport> tasks = new ArrayList<>();
        store.tasks(connector).stream().filter(e -> !hide || e.getKey().task() < taskCount)
                .forEach(e -> tasks.add(new TaskStatusReport(e.getKey().task(), e.getValue())));
        Optional<String> problem = readiness.problem();
        if (problem.isPresent()) {
            status = noted(status, problem.get());
            tasks.replaceAll(t -> new TaskStatusReport(t.id(), noted(t.status(), problem.get())));
        }
        return new ConnectorStatusReport(connector, status, tasks, typeOf(view.configOrNull(connector)));
    }

    private ConnectorType typeOf(Map<String, String> config) {
        if (config == null) {
            return view.plugins().typeOf(null);
        }
        List<String> key = Arrays.asList(config.get("connector.class"), config.get("connector.plugin.version"));
        ConnectorType known = types.get(key);
        if (known != null) {
            return known;
        }
        ConnectorType type = view.plugins().typeOf(config);
        if (type != ConnectorType.UNKNOWN) {
            types.put(key, type);
        }
        return type;
    }

    /**
     * What every answer here and the herder's connector list and infos are read from: the snapshot (the same
     * object until the herder acts on a config change), the status store's version and the readiness problem.
     * Taken before reading, so an equal stamp later means nothing read has changed since ({@link Herder#readStamp}).
     */
    Object stamp() {
        return new Stamp(view.snapshot(), store.version(), readiness.problem());
    }

    /** The snapshot compares by identity: a new one is made for every change, and comparing configs would cost. */
    private record Stamp(ClusterConfigState snapshot, long statuses, Optional<String> problem) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Stamp that && snapshot == that.snapshot && statuses == that.statuses
                    && problem.equals(that.problem);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(statuses);
        }
    }

    /** The connector's status report, or null when it has none. */
    ConnectorStatusReport connectorStatusOrNull(String connector) {
        return store.connector(connector).isPresent() ? connectorStatus(connector) : null;
    }

    InstanceStatus taskStatus(ConnectorTaskId task) {
        boolean hide = mode.hidesStaleStatuses();
        InstanceStatus status = store.task(task).filter(s -> !hide || task.task() < view.snapshot().taskCount(task.connector()))
                .orElseThrow(() -> new NotFoundException("No status found for task " + task));
        return readiness.problem().map(problem -> noted(status, problem)).orElse(status);
    }

    /** The herder thread's answer, unhealthy with the reason while the worker cannot do its work. */
    Herder.WorkerHealth withReadiness(Herder.WorkerHealth health) {
        if (!"healthy".equals(health.status())) {
            return health;
        }
        return readiness.problem().map(problem -> new Herder.WorkerHealth("unhealthy", problem)).orElse(health);
    }

    /** A RUNNING status without a trace gets the reason it cannot make progress; other states keep theirs. */
    private static InstanceStatus noted(InstanceStatus status, String problem) {
        if (status.state() != State.RUNNING || status.trace() != null) {
            return status;
        }
        return new InstanceStatus(status.state(), status.workerId(), "Not making progress: " + problem,
                status.version(), status.generation());
    }

    /** Where the instance's status says it runs. */
    Optional<InstanceStatus> statusOf(String connector) {
        return store.connector(connector);
    }

    Optional<InstanceStatus> statusOf(ConnectorTaskId task) {
        return store.task(task);
    }

    Set<String> activeTopics(String connector) {
        view.requireConfig(connector);
        return topics.of(connector);
    }

    void resetActiveTopics(String connector) {
        view.requireConfig(connector);
        forgetActiveTopics(connector);
    }

    /** For a deleted connector. */
    void forgetActiveTopics(String connector) {
        topics.reset(connector);
        recorder.resetActiveTopics(connector);
    }
}

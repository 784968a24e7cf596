package dev.ferry.runtime.herder.shared;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.storage.StatusStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the worker's status callbacks into status-store entries, remembers which topics each
 * connector used (KIP-558), and hands task-reconfiguration requests to the herder thread. Both
 * herders use it: standalone with a memory store and generation 0, distributed with the status
 * topic and the group generation, where UNASSIGNED and FAILED go through the "safe" writes that
 * never overwrite a newer owner's report.
 *
 * <p>Thread contract: called from connector and task threads; every structure is concurrent.
 */
public final class StatusRecorder implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);

    private final String workerId;
    private final StatusStore store;
    private final AutoRestarter restarter;
    private final IntSupplier generation;
    private final BiConsumer<ConnectorTaskId, String> newTopics;
    private final Function<String, String> versionOfConnector;
    private final Consumer<String> reconfigurationRequests;
    private final java.util.function.Predicate<String> known;
    private final Map<String, Set<String>> activeTopics = new ConcurrentHashMap<>();

    /**
     * @param generation the group generation to stamp on statuses (0 in standalone mode)
     * @param known      whether the herder still has the connector: a late report from an instance
     *                   that outlived its stop budget must not bring a deleted connector's status back
     * @param newTopics  told once per connector and topic when a task first uses the topic
     * @param restarter  decides about automatic restarts of failed instances; its note joins the trace
     */
    public StatusRecorder(String workerId, StatusStore store, IntSupplier generation,
                          Function<String, String> versionOfConnector, Consumer<String> reconfigurationRequests,
                          java.util.function.Predicate<String> known, BiConsumer<ConnectorTaskId, String> newTopics,
                          AutoRestarter restarter) {
        this.restarter = restarter;
        this.known = known;
        this.workerId = workerId;
        this.store = store;
        this.generation = generation;
        this.newTopics = newTopics;
        this.versionOfConnector = versionOfConnector;
        this.reconfigurationRequests = reconfigurationRequests;
    }

    @Override
    public void connectorState(String connector, State state, Throwable cause) {
        log.info("Connector {} is {}", connector, state);
        if (!known.test(connector)) {
            return;
        }
        if (state == State.DESTROYED) {
            store.removeConnector(connector);
            return;
        }
        String restartNote = state == State.FAILED ? restarter.failed(connector, null) : null;
        InstanceStatus status = status(connector, state, cause, restartNote);
        if (mayBeLate(state)) {
            store.putConnectorSafe(connector, status);
        } else {
            store.putConnector(connector, status);
        }
        if (state == State.RUNNING) {
            // A connector that is (again) running may generate different task configs: the herder
            // regenerates them and restarts tasks only if they changed.
            reconfigurationRequests.accept(connector);
        }
    }

    @Override
    public void taskState(ConnectorTaskId task, State state, Throwable cause) {
        log.info("Task {} is {}", task, state);
        if (!known.test(task.connector())) {
            return;
        }
        if (state == State.DESTROYED) {
            store.removeTask(task);
            return;
        }
        String restartNote = state == State.FAILED ? restarter.failed(task.connector(), task) : null;
        InstanceStatus status = status(task.connector(), state, cause, restartNote);
        if (mayBeLate(state)) {
            store.putTaskSafe(task, status);
        } else {
            store.putTask(task, status);
        }
    }

    /** A failure or an unassignment may be reported after the instance already moved to another worker. */
    private static boolean mayBeLate(State state) {
        return state == State.FAILED || state == State.UNASSIGNED;
    }

    @Override
    public void topicUsed(ConnectorTaskId task, String topic) {
        if (activeTopics.computeIfAbsent(task.connector(), c -> ConcurrentHashMap.newKeySet()).add(topic)) {
            newTopics.accept(task, topic);
        }
    }

    @Override
    public void taskReconfigurationRequested(String connector) {
        reconfigurationRequests.accept(connector);
    }

    public Set<String> activeTopics(String connector) {
        return new TreeSet<>(activeTopics.getOrDefault(connector, Set.of()));
    }

    public void resetActiveTopics(String connector) {
        activeTopics.remove(connector);
    }

    /** Records a state the herder itself decides (RESTARTING, or STOPPED with no instance running). */
    public void connectorStateByHerder(String connector, State state) {
        store.putConnector(connector, status(connector, state, null));
    }

    public void taskStateByHerder(ConnectorTaskId task, State state) {
        store.putTask(task, status(task.connector(), state, null));
    }

    /**
     * The version is that of the instance running here, so an instance that is not running
     * (UNASSIGNED, RESTARTING) has none, as Apache writes it.
     */
    private InstanceStatus status(String connector, State state, Throwable cause) {
        return status(connector, state, cause, null);
    }

    private InstanceStatus status(String connector, State state, Throwable cause, String note) {
        boolean noInstance = state == State.UNASSIGNED || state == State.RESTARTING;
        String trace = cause == null ? null : trace(cause);
        if (note != null) {
            trace = trace == null ? note : trace + note + System.lineSeparator();
        }
        return new InstanceStatus(state, workerId, trace,
                noInstance ? null : versionOfConnector.apply(connector), generation.getAsInt());
    }

    static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

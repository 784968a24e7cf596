package dev.ferry.runtime.herder.standalone;

import dev.ferry.runtime.herder.ConnectorTaskId;
import dev.ferry.runtime.herder.InstanceStatus;
import dev.ferry.runtime.herder.State;
import dev.ferry.runtime.storage.MemoryStatusStore;
import dev.ferry.runtime.worker.StatusListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the worker's status callbacks into status-store entries, remembers which topics each
 * connector used (KIP-558), and hands task-reconfiguration requests to the herder thread.
 *
 * <p>Thread contract: called from connector and task threads; every structure is concurrent.
 */
final class StatusRecorder implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);

    private final String workerId;
    private final MemoryStatusStore store;
    private final Function<String, String> versionOfConnector;
    private final Consumer<String> reconfigurationRequests;
    private final java.util.function.Predicate<String> known;
    private final Map<String, Set<String>> activeTopics = new ConcurrentHashMap<>();

    /**
     * @param known whether the herder still has the connector: a late report from an instance that
     *              outlived its stop budget must not bring a deleted connector's status back
     */
    StatusRecorder(String workerId, MemoryStatusStore store, Function<String, String> versionOfConnector,
                   Consumer<String> reconfigurationRequests, java.util.function.Predicate<String> known) {
        this.known = known;
        this.workerId = workerId;
        this.store = store;
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
        store.putConnector(connector, status(connector, state, cause));
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
        store.putTask(task, status(task.connector(), state, cause));
    }

    @Override
    public void topicUsed(ConnectorTaskId task, String topic) {
        activeTopics.computeIfAbsent(task.connector(), c -> ConcurrentHashMap.newKeySet()).add(topic);
    }

    @Override
    public void taskReconfigurationRequested(String connector) {
        reconfigurationRequests.accept(connector);
    }

    Set<String> activeTopics(String connector) {
        return new TreeSet<>(activeTopics.getOrDefault(connector, Set.of()));
    }

    void resetActiveTopics(String connector) {
        activeTopics.remove(connector);
    }

    /** Records a state the herder itself decides (RESTARTING, or STOPPED with no instance running). */
    void connectorStateByHerder(String connector, State state) {
        store.putConnector(connector, status(connector, state, null));
    }

    void taskStateByHerder(ConnectorTaskId task, State state) {
        store.putTask(task, status(task.connector(), state, null));
    }

    private InstanceStatus status(String connector, State state, Throwable cause) {
        return new InstanceStatus(state, workerId, cause == null ? null : trace(cause), versionOfConnector.apply(connector), 0);
    }

    static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

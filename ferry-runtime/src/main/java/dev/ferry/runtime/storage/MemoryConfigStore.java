package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConfigStore} that only this worker writes and that lives in memory: the store of a
 * cluster of one, and of tests that need a herder without a broker. Each write builds the next
 * {@link ClusterConfigState} from the current one and the listener hears of it with the same
 * calls, in the same cases, as {@link dev.ferry.runtime.storage.kafka.KafkaConfigStore} makes for
 * the records such a write produces (a target state of an unknown connector is kept silently, task
 * configs of an unknown connector are ignored, and so on), so a herder cannot tell the two apart.
 * {@link ClusterConfigState#offset()} counts the writes, so it grows with each one.
 *
 * <p>Subclasses keep the connectors somewhere durable: {@link #persist} sees every new set of
 * connector definitions before it takes effect, and {@link #restore} seeds the store at start.
 *
 * <p>Thread contract: writes are serialized on this object's lock; {@link #snapshot()} reads a
 * volatile field and never waits. Listener calls run on one daemon thread of the store, in write
 * order, for writes made after {@link #start} (writes before it are applied silently), so a
 * listener that waits for the store cannot deadlock it.
 */
public class MemoryConfigStore implements ConfigStore {
    private static final Logger log = LoggerFactory.getLogger(MemoryConfigStore.class);

    private volatile ClusterConfigState state = ClusterConfigState.EMPTY;
    /** Null until {@link #start}; the events thread is made there. */
    private ExecutorService events;
    private ConfigUpdateListener listener;
    private boolean closed;

    @Override
    public void start(ConfigUpdateListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (events != null || closed) {
                throw new IllegalStateException("This config store was started already; create a new one");
            }
            this.listener = listener;
            this.events = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ferry-config-store-events");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    @Override
    public ClusterConfigState snapshot() {
        return state;
    }

    /** Returns at once: every write is in the snapshot by the time it returns. */
    @Override
    public void refresh(Duration timeout) {
        // nothing to catch up with: only this worker writes here
    }

    @Override
    public synchronized void putConnectorConfig(String connector, Map<String, String> config, TargetState initialState) {
        Objects.requireNonNull(config, "config");
        Draft next = new Draft(state);
        boolean existed = next.connectorConfigs.containsKey(connector);
        TargetState before = state.targetState(connector);
        if (initialState != null) {
            next.targetStates.put(connector, initialState);
        }
        next.connectorConfigs.put(connector, Collections.unmodifiableMap(new LinkedHashMap<>(config)));
        boolean stateChanged = existed && initialState != null && initialState != before;
        commit(next, true, l -> {
            if (stateChanged) {
                l.onTargetStateChange(connector);
            }
            l.onConnectorConfigUpdate(connector);
        });
    }

    @Override
    public synchronized void removeConnectorConfig(String connector) {
        Draft next = new Draft(state);
        next.connectorConfigs.remove(connector);
        next.targetStates.remove(connector);
        next.taskConfigs.remove(connector);
        next.inconsistent.remove(connector);
        commit(next, true, l -> l.onConnectorConfigRemove(connector));
    }

    /** Ignored, as a commit record is, when the connector does not exist. */
    @Override
    public synchronized void putTaskConfigs(String connector, List<Map<String, String>> taskConfigs) {
        Draft next = new Draft(state);
        if (!next.connectorConfigs.containsKey(connector)) {
            log.debug("Ignoring the task configs of connector '{}', which does not exist", connector);
            commit(next, false, null);
            return;
        }
        List<Map<String, String>> copies = new ArrayList<>(taskConfigs.size());
        List<ConnectorTaskId> ids = new ArrayList<>(taskConfigs.size());
        for (int i = 0; i < taskConfigs.size(); i++) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(taskConfigs.get(i))));
            ids.add(new ConnectorTaskId(connector, i));
        }
        next.taskConfigs.put(connector, Collections.unmodifiableList(copies));
        next.inconsistent.remove(connector);
        List<ConnectorTaskId> updated = Collections.unmodifiableList(ids);
        commit(next, true, l -> l.onTaskConfigUpdate(updated));
    }

    /** Kept also for a connector not (yet) created; the listener hears only of a change to an existing one. */
    @Override
    public synchronized void putTargetState(String connector, TargetState targetState) {
        Objects.requireNonNull(targetState, "targetState");
        Draft next = new Draft(state);
        boolean exists = next.connectorConfigs.containsKey(connector);
        TargetState before = state.targetState(connector);
        next.targetStates.put(connector, targetState);
        commit(next, true, exists && targetState != before ? l -> l.onTargetStateChange(connector) : null);
    }

    @Override
    public synchronized void putSessionKey(SessionKey key) {
        Objects.requireNonNull(key, "key");
        Draft next = new Draft(state);
        next.sessionKey = key;
        commit(next, false, l -> l.onSessionKeyUpdate(key));
    }

    @Override
    public synchronized void putRestartRequest(RestartRequest request) {
        Objects.requireNonNull(request, "request");
        commit(new Draft(state), false, l -> l.onRestartRequest(request));
    }

    @Override
    public synchronized void putLoggerLevel(String namespace, String level) {
        commit(new Draft(state), false, l -> l.onLoggerLevelUpdate(namespace, level));
    }

    /** Stops the events thread after the calls already queued (waiting a few seconds at most). */
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            closed = true;
            running = events;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called under the write lock with the connector definitions about to take effect (after a
     * change to a connector config, target state or task configs; not for session keys, restart
     * requests or log levels). Throwing leaves the store as it was and fails the write.
     */
    protected void persist(ClusterConfigState next) {
        // kept in memory only
    }

    /** Replaces what the store holds, silently; for subclasses loading their connectors before {@link #start}. */
    protected final synchronized void restore(ClusterConfigState restored) {
        state = Objects.requireNonNull(restored, "restored");
    }

    private void commit(Draft next, boolean connectorsChanged, Consumer<ConfigUpdateListener> event) {
        ClusterConfigState built = next.build(Math.max(state.offset(), 0) + 1);
        if (connectorsChanged) {
            persist(built);
        }
        state = built;
        if (event != null && events != null && !closed) {
            ConfigUpdateListener target = listener;
            try {
                events.execute(() -> deliver(event, target));
            } catch (RejectedExecutionException e) {
                log.debug("Not announcing a config change: the store is closing");
            }
        }
    }

    private static void deliver(Consumer<ConfigUpdateListener> event, ConfigUpdateListener target) {
        try {
            event.accept(target);
        } catch (RuntimeException e) {
            log.error("The config update listener failed", e);
        }
    }

    /** A mutable copy of a state, to build the next one from. */
    private static final class Draft {
        private SessionKey sessionKey;
        private final Map<String, Map<String, String>> connectorConfigs;
        private final Map<String, TargetState> targetStates;
        private final Map<String, List<Map<String, String>>> taskConfigs;
        private final Set<String> inconsistent;

        Draft(ClusterConfigState from) {
            sessionKey = from.sessionKey();
            connectorConfigs = new HashMap<>(from.connectorConfigs());
            targetStates = new HashMap<>(from.targetStates());
            taskConfigs = new HashMap<>(from.taskConfigs());
            inconsistent = new HashSet<>(from.inconsistentConnectors());
        }

        ClusterConfigState build(long offset) {
            return new ClusterConfigState(offset, sessionKey, connectorConfigs, targetStates, taskConfigs, inconsistent);
        }
    }
}

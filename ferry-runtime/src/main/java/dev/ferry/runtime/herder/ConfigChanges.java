package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import dev.ferry.runtime.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to the config store: hears of changes on the store's thread, and on the herder thread
 * compares the new snapshot with the one the herder last acted on ({@link ConfigDiff}) and makes
 * this worker's running work match it: a removed connector stops, a reconfigured one restarts, a
 * new target state reaches the instances here, changed task configs restart their tasks. When
 * the set of connectors or tasks changes, the membership must assign again. Acting on snapshot
 * differences rather than on single records means a burst of changes is acted on once.
 *
 * <p>Thread contract: the {@link ConfigUpdateListener} methods run on the store's thread and only
 * note the change and wake the herder; {@link #apply} and {@link #readBack} run on the herder thread.
 */
final class ConfigChanges implements ConfigUpdateListener {
    private static final Logger log = LoggerFactory.getLogger(ConfigChanges.class);

    /** What else must happen when the snapshot changes, decided by the herder. */
    interface Reactions {
        /** A connector was deleted: forget what is pending for it. */
        void removed(String connector);

        /** Connectors or tasks were added or removed. */
        void assignmentChanged();

        /** The new snapshot was acted on. */
        void applied(ClusterConfigState snapshot);
    }

    private final ConfigStore store;
    private final ConfigView view;
    private final OwnedWork owned;
    private final Worker worker;
    private final Duration syncTimeout;
    private final Consumer<RestartRequest> restartRequests;
    private final BiConsumer<String, String> loggerLevels;
    private final Runnable wakeup;
    private final AtomicBoolean changed = new AtomicBoolean();
    private Reactions reactions;

    ConfigChanges(ConfigStore store, ConfigView view, OwnedWork owned, Worker worker, Duration syncTimeout,
                  Consumer<RestartRequest> restartRequests, BiConsumer<String, String> loggerLevels, Runnable wakeup) {
        this.store = store;
        this.view = view;
        this.owned = owned;
        this.worker = worker;
        this.syncTimeout = syncTimeout;
        this.restartRequests = restartRequests;
        this.loggerLevels = loggerLevels;
        this.wakeup = wakeup;
    }

    void reactWith(Reactions reactions) {
        this.reactions = reactions;
    }

    // ---- the store's thread ---------------------------------------------------------------------

    @Override
    public void onConnectorConfigUpdate(String connector) {
        markChanged();
    }

    @Override
    public void onConnectorConfigRemove(String connector) {
        markChanged();
    }

    @Override
    public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        markChanged();
    }

    @Override
    public void onTargetStateChange(String connector) {
        markChanged();
    }

    @Override
    public void onSessionKeyUpdate(SessionKey key) {
        markChanged();
    }

    @Override
    public void onRestartRequest(RestartRequest request) {
        restartRequests.accept(request);
        wakeup.run();
    }

    @Override
    public void onLoggerLevelUpdate(String namespace, String level) {
        log.info("Setting log level of {} to {} as requested for the whole cluster", namespace, level);
        loggerLevels.accept(namespace, level);
    }

    void markChanged() {
        changed.set(true);
        wakeup.run();
    }

    boolean pending() {
        return changed.get();
    }

    // ---- the herder thread ----------------------------------------------------------------------

    /**
     * After this worker's own write: reads the store to its end, so the answer (and the next
     * request) sees the write, and acts on it.
     */
    void readBack() {
        try {
            store.refresh(syncTimeout);
        } catch (TimeoutException e) {
            log.warn("The config store acknowledged the write but it was not yet read back: {}", e.getMessage());
        }
        changed.set(true);
        apply();
    }

    /** After a write the store already read back (task configs are): acts on it now. */
    void applyOwnWrite() {
        changed.set(true);
        apply();
    }

    /** Acts on what changed since the last call, if anything did. */
    void apply() {
        if (!changed.getAndSet(false)) {
            return;
        }
        ClusterConfigState before = view.snapshot();
        ClusterConfigState after = store.snapshot();
        view.update(after);
        ConfigDiff diff = ConfigDiff.between(before, after);
        if (diff.isEmpty()) {
            return;
        }
        for (String connector : diff.removed()) {
            owned.stop(List.of(connector), owned.tasksOf(connector));
            reactions.removed(connector);
        }
        for (String connector : diff.reconfigured()) {
            if (owned.runs(connector)) {
                log.info("Connector {} was reconfigured; restarting it", connector);
                owned.stop(List.of(connector), List.of());
                owned.startConnector(connector);
            }
        }
        for (String connector : diff.targetStateChanged()) {
            applyTargetState(connector, after.targetState(connector));
        }
        for (String connector : diff.tasksChanged()) {
            applyTaskConfigs(connector, before, after);
        }
        if (diff.changesAssignment()) {
            reactions.assignmentChanged();
        }
        reactions.applied(after);
    }

    private void applyTargetState(String connector, TargetState target) {
        if (!owned.runsAnyOf(connector)) {
            return;
        }
        log.info("Connector {} target state is now {}", connector, target);
        if (target == TargetState.STOPPED) {
            owned.stop(List.of(), owned.tasksOf(connector));
        }
        worker.setTargetState(connector, target);
    }

    /** Tasks whose config changed run again with the new one; tasks beyond the new count stop. */
    private void applyTaskConfigs(String connector, ClusterConfigState before, ClusterConfigState after) {
        List<ConnectorTaskId> toStop = new ArrayList<>();
        List<ConnectorTaskId> toRestart = new ArrayList<>();
        for (ConnectorTaskId task : owned.tasksOf(connector)) {
            Map<String, String> now = after.taskConfig(task);
            Map<String, String> was = before.taskConfig(task);
            if (now == null) {
                toStop.add(task);
            } else if (!now.equals(was)) {
                toRestart.add(task);
            }
        }
        if (!toStop.isEmpty() || !toRestart.isEmpty()) {
            log.info("Task configs of {} changed: stopping {}, restarting {}", connector, toStop, toRestart);
        }
        toStop.addAll(toRestart);
        owned.stop(List.of(), toStop);
        toRestart.forEach(owned::startTask);
    }
}

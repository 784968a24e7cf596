package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.herder.shared.TaskConfigPlaceholders;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each connector's task configs current: when a connector running here starts or asks for
 * it, its task configs are generated again (secrets put back as references,
 * {@link TaskConfigPlaceholders}) and, if they differ from the stored ones, stored. Only the
 * leader writes the config store; a follower sends them to the leader
 * ({@link TaskConfigForwarder}), which stores them through {@link #storeFromPeer}. After each
 * write the fencing hook hears of the new generation. A write of this worker's own connector's
 * configs that fails is tried again with a back-off ({@link TaskConfigRetries}); one of a
 * follower's fails back to the follower, whose forwarder tries again.
 *
 * <p>Thread contract: {@link #request} is called from connector threads; everything else runs
 * on the herder thread.
 */
final class TaskConfigUpdates {
    private static final Logger log = LoggerFactory.getLogger(TaskConfigUpdates.class);

    private final ConfigStore store;
    private final ConfigView view;
    private final Membership membership;
    private final OwnedWork owned;
    private final Worker worker;
    private final ConfigChanges changes;
    private final TaskConfigForwarder forwarder;
    private final TaskFencing fencing;
    private final CreateAnswers answers;
    private final Runnable wakeup;
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final TaskConfigRetries retries;

    /** @param forwarder sends a follower's task configs to the leader; null for a cluster of one */
    TaskConfigUpdates(ConfigStore store, ConfigView view, Membership membership, OwnedWork owned, Worker worker,
                      ConfigChanges changes, TaskConfigForwarder forwarder, TaskFencing fencing, CreateAnswers answers,
                      Runnable wakeup, Time time) {
        this.store = store;
        this.view = view;
        this.membership = membership;
        this.owned = owned;
        this.worker = worker;
        this.changes = changes;
        this.forwarder = forwarder;
        this.fencing = fencing;
        this.answers = answers;
        this.wakeup = wakeup;
        this.retries = new TaskConfigRetries(time);
    }

    /** From connector threads: the connector became RUNNING or asked for a reconfiguration. */
    void request(String connector) {
        requested.add(connector);
        wakeup.run();
    }

    boolean hasRequests() {
        return !requested.isEmpty();
    }

    /** How long until a failed write is due to be tried again (Long.MAX_VALUE if none waits). */
    long msUntilRetry() {
        return retries.msUntilNext();
    }

    /** This worker stopped leading: the writes waiting for a retry are regenerated now, and forwarded. */
    void leadershipLost() {
        requested.addAll(retries.takeAll());
    }

    void regenerate() {
        requested.addAll(retries.due());
        for (String connector : new ArrayList<>(requested)) {
            requested.remove(connector);
            if (!regenerate(connector)) {
                answers.settle(connector);
            }
        }
    }

    /** True when new task configs were written (their create answers wait for the tasks). */
    private boolean regenerate(String connector) {
        ClusterConfigState snapshot = view.snapshot();
        if (!owned.runs(connector) || !worker.connectorNames().contains(connector)) {
            retries.cancel(connector, "it does not run on this worker any more");
            return false;
        }
        if (snapshot.targetState(connector) != TargetState.STARTED) {
            retries.cancel(connector, "its target state is " + snapshot.targetState(connector));
            return false;
        }
        List<Map<String, String>> generated;
        try {
            generated = TaskConfigPlaceholders.restore(snapshot.connectorConfig(connector),
                    worker.connectorTaskConfigs(connector));
        } catch (Throwable e) { // plugin code ran here; the worker has failed the connector
            log.error("Connector {} could not generate task configurations: {}", connector, e.toString());
            retries.cancel(connector, "the connector failed to generate them");
            return false;
        }
        if (generated.equals(snapshot.taskConfigs().get(connector))) {
            retries.settled(connector); // e.g. a write that timed out had reached the topic after all
            return false;
        }
        if (!membership.isLeader()) {
            retries.cancel(connector, "this worker does not lead the cluster now; they go to the leader instead");
            forwarder.forward(connector, generated);
            return false;
        }
        try {
            write(connector, generated);
        } catch (RuntimeException e) {
            retries.failed(connector, generated.size(), e);
            return false;
        }
        retries.settled(connector);
        log.info("Wrote {} task configuration(s) for connector {}", generated.size(), connector);
        return true;
    }

    /** The leader stores task configs a follower's connector generated (the internal endpoint). */
    void storeFromPeer(String connector, List<Map<String, String>> taskConfigs) {
        if (!taskConfigs.equals(view.snapshot().taskConfigs().get(connector))) {
            try {
                write(connector, taskConfigs);
            } catch (RuntimeException e) {
                log.warn("Could not store the {} task configuration(s) of connector {} sent by another worker: {} "
                        + "That worker sends them again after a pause", taskConfigs.size(), connector, e.getMessage());
                throw e;
            }
            log.info("Wrote {} task configuration(s) for connector {} sent by another worker", taskConfigs.size(),
                    connector);
        }
    }

    private void write(String connector, List<Map<String, String>> taskConfigs) {
        store.putTaskConfigs(connector, taskConfigs);
        changes.applyOwnWrite();
        answers.tasksWritten(connector);
        fencing.taskConfigsWritten(connector, view.snapshot());
    }

    void cancel(String connector) {
        requested.remove(connector);
        retries.cancel(connector, "it does not run on this worker any more");
        if (forwarder != null) {
            forwarder.cancel(connector);
        }
    }
}

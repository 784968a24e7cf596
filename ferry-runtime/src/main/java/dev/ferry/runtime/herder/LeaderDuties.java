package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.requests.SessionKeys;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.storage.StatusStore;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping only one worker of a cluster does, its leader: distributing a fresh session
 * key for signing requests between workers when the current one expires, and removing the
 * statuses nothing runs any more (of deleted connectors, and of tasks beyond their connector's
 * task count) once their owners stopped them. (Task-config writes, the other leader duty, are
 * {@link TaskConfigUpdates}'.)
 *
 * <p>Thread contract: herder thread only.
 */
final class LeaderDuties {
    private static final Logger log = LoggerFactory.getLogger(LeaderDuties.class);

    private final ConfigStore configStore;
    private final StatusStore statusStore;
    private final ConfigView view;
    private final Membership membership;
    private final ClusterSettings settings;
    private final ModeRules mode;
    private final Time time;

    LeaderDuties(ConfigStore configStore, StatusStore statusStore, ConfigView view, Membership membership,
                 ClusterSettings settings, ModeRules mode, Time time) {
        this.configStore = configStore;
        this.statusStore = statusStore;
        this.view = view;
        this.membership = membership;
        this.settings = settings;
        this.mode = mode;
        this.time = time;
    }

    /** Writes a new session key when the cluster signs requests and the current key is missing or expired. */
    void rotateSessionKeyIfDue() {
        if (!mode.hasPeers() || membership.protocolVersion() < 2) {
            return;
        }
        SessionKey current = view.snapshot().sessionKey();
        long now = time.milliseconds();
        if (current != null && current.creationTimestamp() + settings.keyTtlMs() > now) {
            return;
        }
        configStore.putSessionKey(SessionKeys.generate(settings.keyAlgorithm(), settings.keySize(), now));
        log.info("Distributed a new session key for signing requests between workers");
    }

    /** The key this worker signs with, or null when the cluster does not sign (protocol below sessioned). */
    SessionKey signingKey() {
        return membership.protocolVersion() >= 2 ? view.snapshot().sessionKey() : null;
    }

    /**
     * Deletes the statuses of connectors that no longer exist and of tasks beyond their
     * connector's task count, as Apache's leader does after a rebalance: their owners wrote
     * UNASSIGNED when they stopped them, and nothing runs them any more.
     */
    void removeStaleStatuses() {
        ClusterConfigState snapshot = view.snapshot();
        for (String connector : statusStore.connectors()) {
            if (!snapshot.contains(connector)) {
                statusStore.removeConnector(connector);
                continue;
            }
            int taskCount = snapshot.taskCount(connector);
            for (Map.Entry<ConnectorTaskId, InstanceStatus> task : statusStore.tasks(connector)) {
                if (task.getKey().task() >= taskCount) {
                    statusStore.removeTask(task.getKey());
                }
            }
        }
    }
}

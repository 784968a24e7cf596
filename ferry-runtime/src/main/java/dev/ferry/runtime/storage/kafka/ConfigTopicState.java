package dev.ferry.runtime.storage.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the config topic says, built record by record in topic order, with Apache's rules:
 * <ul>
 *   <li>A connector record sets the connector's config; its tombstone deletes the connector with
 *       its task configs.</li>
 *   <li>Task records are held back until the next {@code commit-<c>} record, which applies tasks
 *       0..n-1 together, so a worker never starts a half-written set of tasks. If some of them are
 *       missing (compaction may remove task records whose commit survives), nothing is applied and
 *       the connector is marked inconsistent until a later, complete commit. Held-back records are
 *       dropped at every commit either way. A commit for a connector that does not exist (its
 *       config and tombstone were compacted away) is ignored.</li>
 *   <li>A target-state record may come before its connector record (creation with an initial
 *       state); {@code state.v2} is preferred over {@code state}; its tombstone reverts to STARTED.</li>
 *   <li>Task-count records ({@code tasks-fencing-<c>}, KIP-618) keep the last count per
 *       connector. Every valid commit of an existing connector marks it pending fencing (even an
 *       incomplete one, as Apache does), and the next task-count record clears that; deleting a
 *       connector keeps its count, so a connector created again under the name still fences the
 *       producers its namesake may have left running.</li>
 *   <li>Malformed records are logged and skipped; a record whose value is not JSON does not move
 *       the offset.</li>
 * </ul>
 * {@link #apply} returns the listener call a record implies, for the store to make outside the
 * lock, and only once it has started.
 *
 * <p>Thread contract: synchronized; the store's reader thread applies, any thread takes snapshots.
 */
final class ConfigTopicState {
    private static final Logger log = LoggerFactory.getLogger(ConfigTopicState.class);

    private long offset = -1;
    private SessionKey sessionKey;
    private final Map<String, Map<String, String>> connectorConfigs = new HashMap<>();
    private final Map<String, TargetState> targetStates = new HashMap<>();
    private final Map<String, List<Map<String, String>>> taskConfigs = new HashMap<>();
    private final Map<String, Map<Integer, Map<String, String>>> pendingTasks = new HashMap<>();
    private final Set<String> inconsistent = new HashSet<>();
    private final Map<String, Integer> taskCountRecords = new HashMap<>();
    private final Set<String> pendingFencing = new HashSet<>();

    /**
     * Applies one record.
     *
     * @return the listener call the record implies, or null if none
     */
    synchronized Consumer<ConfigUpdateListener> apply(String key, byte[] value, long recordOffset) {
        JsonNode json;
        try {
            json = InternalJson.read(value);
        } catch (IOException e) {
            log.error("Skipping config topic record '{}' at offset {}: its value is not JSON ({})", key, recordOffset,
                    e.getMessage());
            return null;
        }
        offset = recordOffset + 1;
        if (key.startsWith(ConfigRecords.TARGET_STATE_PREFIX)) {
            return targetState(key.substring(ConfigRecords.TARGET_STATE_PREFIX.length()), json);
        } else if (key.startsWith(ConfigRecords.CONNECTOR_PREFIX)) {
            return connector(key.substring(ConfigRecords.CONNECTOR_PREFIX.length()), json);
        } else if (key.startsWith(ConfigRecords.TASK_PREFIX)) {
            task(key, json);
            return null;
        } else if (key.startsWith(ConfigRecords.COMMIT_PREFIX)) {
            return commit(key.substring(ConfigRecords.COMMIT_PREFIX.length()), json);
        } else if (key.startsWith(ConfigRecords.RESTART_PREFIX)) {
            return restart(key.substring(ConfigRecords.RESTART_PREFIX.length()), json);
        } else if (key.startsWith(ConfigRecords.TASK_COUNT_PREFIX)) {
            taskCount(key.substring(ConfigRecords.TASK_COUNT_PREFIX.length()), json);
            return null;
        } else if (key.equals(ConfigRecords.SESSION_KEY)) {
            return sessionKey(json);
        } else if (key.startsWith(ConfigRecords.LOGGER_PREFIX)) {
            return loggerLevel(key.substring(ConfigRecords.LOGGER_PREFIX.length()), json);
        }
        log.error("Skipping config topic record with unknown key '{}' at offset {}", key, recordOffset);
        return null;
    }

    synchronized ClusterConfigState snapshot() {
        Map<String, List<Map<String, String>>> tasks = new HashMap<>();
        taskConfigs.forEach((connector, configs) -> tasks.put(connector, Collections.unmodifiableList(new ArrayList<>(configs))));
        return new ClusterConfigState(offset, sessionKey, new HashMap<>(connectorConfigs), new HashMap<>(targetStates),
                tasks, new HashSet<>(inconsistent), new HashMap<>(taskCountRecords), new HashSet<>(pendingFencing));
    }

    private Consumer<ConfigUpdateListener> connector(String connector, JsonNode json) {
        if (json == null) {
            connectorConfigs.remove(connector);
            taskConfigs.remove(connector);
            pendingTasks.remove(connector);
            inconsistent.remove(connector);
            return listener -> listener.onConnectorConfigRemove(connector);
        }
        Map<String, String> config = properties(json);
        if (config == null) {
            log.error("Skipping the config of connector '{}': not of the form {{\"properties\":{{...}}}}: {}", connector, json);
            return null;
        }
        connectorConfigs.put(connector, config);
        return listener -> listener.onConnectorConfigUpdate(connector);
    }

    private void task(String key, JsonNode json) {
        ConnectorTaskId id = ConfigRecords.parseTaskKey(key);
        if (id == null) {
            log.error("Skipping config topic record '{}': the key does not end in -<task number>", key);
            return;
        }
        Map<String, String> config = json == null ? null : properties(json);
        if (config == null) {
            log.error("Skipping the config of task {}: not of the form {{\"properties\":{{...}}}}: {}", id, json);
            return;
        }
        pendingTasks.computeIfAbsent(id.connector(), k -> new TreeMap<>()).put(id.task(), config);
    }

    private Consumer<ConfigUpdateListener> commit(String connector, JsonNode json) {
        if (!connectorConfigs.containsKey(connector)) {
            taskConfigs.remove(connector);
            pendingTasks.remove(connector);
            log.debug("Ignoring the task commit of connector '{}', which does not exist (deleted, and compacted)", connector);
            return null;
        }
        if (json == null || !json.path("tasks").canConvertToInt()) {
            log.error("Skipping the task commit of connector '{}': not of the form {{\"tasks\":<n>}}: {}", connector, json);
            return null;
        }
        int count = json.get("tasks").intValue();
        // New task configs (or none, or an incomplete set) were committed after the last task-count
        // record: with exactly-once support, their tasks wait until the leader fenced the previous ones
        pendingFencing.add(connector);
        Map<Integer, Map<String, String>> pending = pendingTasks.remove(connector);
        List<ConnectorTaskId> applied = new ArrayList<>();
        List<Map<String, String>> configs = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            Map<String, String> config = pending == null ? null : pending.get(i);
            if (config == null) {
                log.warn("Connector '{}' is inconsistent: its commit of {} tasks came without the config of task {} "
                        + "(compacted away, or its writer failed); it runs no tasks until its tasks are written again",
                        connector, count, i);
                inconsistent.add(connector);
                return listener -> listener.onTaskConfigUpdate(List.of());
            }
            configs.add(config);
        }
        if (pending != null) {
            pending.keySet().forEach(task -> applied.add(new ConnectorTaskId(connector, task)));
        }
        taskConfigs.put(connector, configs);
        inconsistent.remove(connector);
        List<ConnectorTaskId> updated = Collections.unmodifiableList(applied);
        return listener -> listener.onTaskConfigUpdate(updated);
    }

    private void taskCount(String connector, JsonNode json) {
        JsonNode count = json == null ? null : json.get("task-count");
        if (count == null || !count.canConvertToInt()) {
            log.error("Skipping the task count record of connector '{}': not of the form {{\"task-count\":<n>}}: {}",
                    connector, json);
            return;
        }
        taskCountRecords.put(connector, count.intValue());
        pendingFencing.remove(connector);
    }

    private Consumer<ConfigUpdateListener> targetState(String connector, JsonNode json) {
        if (json == null) {
            targetStates.remove(connector);
            return null; // the connector's own tombstone follows and tells the listener
        }
        JsonNode v2 = json.get("state.v2");
        JsonNode v1 = json.get("state");
        String name = v2 != null && v2.isTextual() ? v2.textValue() : v1 != null && v1.isTextual() ? v1.textValue() : null;
        TargetState state;
        try {
            state = name == null ? null : TargetState.valueOf(name);
        } catch (IllegalArgumentException e) {
            state = null;
        }
        if (state == null) {
            log.error("Skipping the target state of connector '{}': no valid state in {}", connector, json);
            return null;
        }
        boolean exists = connectorConfigs.containsKey(connector);
        TargetState previous = targetStates.getOrDefault(connector, exists ? TargetState.STARTED : null);
        targetStates.put(connector, state);
        if (!exists || state == previous) {
            return null;
        }
        return listener -> listener.onTargetStateChange(connector);
    }

    private Consumer<ConfigUpdateListener> restart(String connector, JsonNode json) {
        if (json == null || !json.isObject()) {
            log.error("Skipping the restart request of connector '{}': not a JSON object: {}", connector, json);
            return null;
        }
        RestartRequest request = new RestartRequest(connector, flag(json, "only-failed"), flag(json, "include-tasks"));
        return listener -> listener.onRestartRequest(request);
    }

    private Consumer<ConfigUpdateListener> sessionKey(JsonNode json) {
        JsonNode key = json == null ? null : json.get("key");
        JsonNode algorithm = json == null ? null : json.get("algorithm");
        JsonNode created = json == null ? null : json.get("creation-timestamp");
        if (key == null || !key.isTextual() || algorithm == null || !algorithm.isTextual() || created == null
                || !created.isIntegralNumber()) {
            log.error("Skipping the session key record: it needs a base64 'key', an 'algorithm' and a numeric "
                    + "'creation-timestamp'");
            return null;
        }
        try {
            SessionKey parsed = new SessionKey(new SecretKeySpec(Base64.getDecoder().decode(key.textValue()),
                    algorithm.textValue()), created.longValue());
            sessionKey = parsed;
            return listener -> listener.onSessionKeyUpdate(parsed);
        } catch (IllegalArgumentException e) {
            log.error("Skipping the session key record: {}", e.getMessage());
            return null;
        }
    }

    private Consumer<ConfigUpdateListener> loggerLevel(String namespace, JsonNode json) {
        JsonNode level = json == null ? null : json.get("level");
        if (level == null || !level.isTextual()) {
            log.error("Skipping the cluster log level of '{}': not of the form {{\"level\":\"<level>\"}}: {}", namespace, json);
            return null;
        }
        return listener -> listener.onLoggerLevelUpdate(namespace, level.textValue());
    }

    /** The string map under {@code properties}, or null if there is none. */
    private static Map<String, String> properties(JsonNode json) {
        JsonNode properties = json.get("properties");
        return properties != null && properties.isObject() ? InternalJson.stringMap(properties) : null;
    }

    /** A boolean field; false when missing or not a boolean, as Apache defaults both restart flags. */
    private static boolean flag(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isBoolean() && node.booleanValue();
    }
}

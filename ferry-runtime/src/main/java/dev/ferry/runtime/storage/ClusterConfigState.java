package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable view of the config topic at one point: the configs, target states and committed
 * task configs of every connector, and the current session key.
 *
 * <p>A connector is inconsistent when its last commit record promised task configs that were not
 * found before it (compaction removed them, or a leader died while writing them): it has no
 * committed tasks until the leader writes its task configs again.
 *
 * <p>For exactly-once source connectors (KIP-618) it also holds the last task-count record of each
 * connector ({@code tasks-fencing-<c>}: how many task producers the leader last fenced for and let
 * start) and which connectors are pending fencing: a commit of task configs was read after the
 * connector's last task-count record, so the producers of the previous generation may still be
 * alive and the new generation must not start until the leader fenced them and wrote a new record.
 *
 * @param offset                 the config topic offset after the last record applied (the next
 *                               to read), or -1 when nothing was read; workers compare it to agree
 *                               on a config before they start work
 * @param sessionKey             the latest session key, or null if the leader has not written one
 * @param connectorConfigs       raw connector configs (with {@code ${...}} references), in stored key order
 * @param targetStates           target states read, including ones written before their connector
 * @param taskConfigs            per connector, the task configs of its last consistent commit, task 0 first
 * @param inconsistentConnectors connectors whose last commit is incomplete
 * @param taskCountRecords       per connector, the task count of its last {@code tasks-fencing-} record
 * @param pendingFencing         connectors whose last task commit came after their last task-count record
 */
public record ClusterConfigState(long offset, SessionKey sessionKey, Map<String, Map<String, String>> connectorConfigs,
                                 Map<String, TargetState> targetStates, Map<String, List<Map<String, String>>> taskConfigs,
                                 Set<String> inconsistentConnectors, Map<String, Integer> taskCountRecords,
                                 Set<String> pendingFencing) {

    /** The state before anything was read. */
    public static final ClusterConfigState EMPTY = new ClusterConfigState(-1, null, Map.of(), Map.of(), Map.of(), Set.of());

    public ClusterConfigState {
        connectorConfigs = Collections.unmodifiableMap(connectorConfigs);
        targetStates = Collections.unmodifiableMap(targetStates);
        taskConfigs = Collections.unmodifiableMap(taskConfigs);
        inconsistentConnectors = Collections.unmodifiableSet(inconsistentConnectors);
        taskCountRecords = Collections.unmodifiableMap(taskCountRecords);
        pendingFencing = Collections.unmodifiableSet(pendingFencing);
    }

    /** A state without task-count records, as stores that never run exactly-once source tasks hold. */
    public ClusterConfigState(long offset, SessionKey sessionKey, Map<String, Map<String, String>> connectorConfigs,
                              Map<String, TargetState> targetStates, Map<String, List<Map<String, String>>> taskConfigs,
                              Set<String> inconsistentConnectors) {
        this(offset, sessionKey, connectorConfigs, targetStates, taskConfigs, inconsistentConnectors, Map.of(), Set.of());
    }

    /** The names of all connectors, sorted. */
    public Set<String> connectors() {
        return Collections.unmodifiableSet(new TreeSet<>(connectorConfigs.keySet()));
    }

    public boolean contains(String connector) {
        return connectorConfigs.containsKey(connector);
    }

    /** The raw config of the connector, or null if it does not exist. */
    public Map<String, String> connectorConfig(String connector) {
        return connectorConfigs.get(connector);
    }

    /**
     * The connector's target state: the stored one, else STARTED for an existing connector (created
     * without one, as by old workers), else null.
     */
    public TargetState targetState(String connector) {
        TargetState state = targetStates.get(connector);
        if (state == null && contains(connector)) {
            return TargetState.STARTED;
        }
        return state;
    }

    /** The number of committed tasks; 0 for unknown and inconsistent connectors. */
    public int taskCount(String connector) {
        List<Map<String, String>> configs = taskConfigs.get(connector);
        return configs == null || inconsistentConnectors.contains(connector) ? 0 : configs.size();
    }

    /** The ids of the committed tasks, task 0 first; empty for unknown and inconsistent connectors. */
    public List<ConnectorTaskId> tasks(String connector) {
        int count = taskCount(connector);
        List<ConnectorTaskId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(new ConnectorTaskId(connector, i));
        }
        return Collections.unmodifiableList(ids);
    }

    /** The committed config of the task, or null if there is none. */
    public Map<String, String> taskConfig(ConnectorTaskId task) {
        if (task.task() < 0 || task.task() >= taskCount(task.connector())) {
            return null;
        }
        return taskConfigs.get(task.connector()).get(task.task());
    }

    /**
     * The task count of the connector's last task-count record, or null if none was read (its
     * tasks never ran with exactly-once support, so there is nothing of it to fence).
     */
    public Integer taskCountRecord(String connector) {
        return taskCountRecords.get(connector);
    }

    /**
     * Whether task configs were committed after the connector's last task-count record, so the
     * leader must fence the previous generation's producers before the new tasks may start.
     */
    public boolean pendingFencing(String connector) {
        return pendingFencing.contains(connector);
    }
}

package dev.ferry.runtime.herder;

import dev.ferry.runtime.storage.ClusterConfigState;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in the config store between two snapshots, in the terms a worker acts on: which
 * connectors appeared or disappeared (the assignment must change), whose connector config or
 * target state changed (their owners act), and whose task configs changed. Comparing snapshots,
 * rather than replaying the individual records, means a burst of records is acted on once, with
 * the final values.
 */
record ConfigDiff(Set<String> added, Set<String> removed, Set<String> reconfigured, Set<String> targetStateChanged,
                  Set<String> tasksChanged, Set<String> taskCountChanged) {

    static ConfigDiff between(ClusterConfigState before, ClusterConfigState after) {
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>();
        Set<String> reconfigured = new TreeSet<>();
        Set<String> targetStateChanged = new TreeSet<>();
        Set<String> tasksChanged = new TreeSet<>();
        Set<String> taskCountChanged = new TreeSet<>();
        for (String connector : before.connectors()) {
            if (!after.contains(connector)) {
                removed.add(connector);
            }
        }
        for (String connector : after.connectors()) {
            if (!before.contains(connector)) {
                added.add(connector);
                continue;
            }
            if (!Objects.equals(before.connectorConfig(connector), after.connectorConfig(connector))) {
                reconfigured.add(connector);
            }
            if (before.targetState(connector) != after.targetState(connector)) {
                targetStateChanged.add(connector);
            }
            if (!Objects.equals(before.taskConfigs().get(connector), after.taskConfigs().get(connector))) {
                tasksChanged.add(connector);
            }
            if (before.taskCount(connector) != after.taskCount(connector)) {
                taskCountChanged.add(connector);
            }
        }
        return new ConfigDiff(added, removed, reconfigured, targetStateChanged, tasksChanged, taskCountChanged);
    }

    /** Whether the set of connectors or tasks to run changed, so the leader must assign again. */
    boolean changesAssignment() {
        return !added.isEmpty() || !removed.isEmpty() || !taskCountChanged.isEmpty();
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && reconfigured.isEmpty() && targetStateChanged.isEmpty()
                && tasksChanged.isEmpty();
    }
}

package dev.ferry.runtime.herder.standalone;

import dev.ferry.runtime.model.TargetState;
import java.util.List;
import java.util.Map;

/**
 * What the standalone herder knows about one connector: its raw configuration, what the user
 * asked it to be doing, and the task configurations it last generated (secrets as references).
 * Immutable; the herder thread replaces entries.
 */
record ConnectorEntry(Map<String, String> config, TargetState targetState, List<Map<String, String>> taskConfigs) {

    ConnectorEntry withTargetState(TargetState state) {
        return new ConnectorEntry(config, state, taskConfigs);
    }

    ConnectorEntry withTaskConfigs(List<Map<String, String>> tasks) {
        return new ConnectorEntry(config, targetState, List.copyOf(tasks));
    }
}

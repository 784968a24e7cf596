package dev.ferry.runtime.model;

import java.util.List;
import java.util.Map;

/** A connector's raw (unresolved) configuration and the ids of its current tasks. */
public record ConnectorInfo(String name, Map<String, String> config, List<ConnectorTaskId> tasks,
                            ConnectorType type) {
}

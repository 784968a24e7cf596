package dev.ferry.cli;

import dev.ferry.runtime.model.TargetState;
import java.util.Map;

/** A connector to create at start-up, read from a file named on the command line. */
record ConnectorDefinition(String name, Map<String, String> config, TargetState initialState) {
}

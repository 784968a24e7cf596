package dev.ferry.rest;

import dev.ferry.runtime.model.ConnectorInfo;
import java.util.List;
import java.util.Map;

/** Apache's {@code ConnectorInfo} shape: name, raw config, task ids and type. */
record ConnectorInfoJson(String name, Map<String, String> config, List<TaskIdJson> tasks, String type) {

    static ConnectorInfoJson of(ConnectorInfo info) {
        return new ConnectorInfoJson(info.name(), info.config(),
                info.tasks().stream().sorted().map(TaskIdJson::of).toList(), info.type().jsonName());
    }
}

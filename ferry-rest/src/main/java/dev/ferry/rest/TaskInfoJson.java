package dev.ferry.rest;

import dev.ferry.runtime.model.TaskInfo;
import java.util.Map;

/** Apache's {@code TaskInfo} shape: a task id and the configuration its connector generated. */
record TaskInfoJson(TaskIdJson id, Map<String, String> config) {

    static TaskInfoJson of(TaskInfo info) {
        return new TaskInfoJson(TaskIdJson.of(info.id()), info.config());
    }
}

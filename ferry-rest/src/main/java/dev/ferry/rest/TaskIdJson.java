package dev.ferry.rest;

import dev.ferry.runtime.model.ConnectorTaskId;

/** Apache's {@code ConnectorTaskId} shape: {@code {"connector":"c","task":0}}. */
record TaskIdJson(String connector, int task) {

    static TaskIdJson of(ConnectorTaskId id) {
        return new TaskIdJson(id.connector(), id.task());
    }
}

package dev.ferry.runtime.model;

import java.util.List;

/** The status of a connector and all its tasks (tasks sorted by id), for the status endpoint. */
public record ConnectorStatusReport(String name, InstanceStatus connector, List<TaskStatusReport> tasks,
                                    ConnectorType type) {

    /** One task's status, keyed by its task number. */
    public record TaskStatusReport(int id, InstanceStatus status) {
    }
}

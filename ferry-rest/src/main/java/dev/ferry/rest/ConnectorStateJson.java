package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.PluginDescriptor;
import java.util.Comparator;
import java.util.List;

/**
 * Apache's {@code ConnectorStateInfo} shape. Instance states carry {@code version} only when the
 * plugin reports one and {@code trace} only when it is non-empty, as Apache's filters do.
 */
record ConnectorStateJson(String name, ConnectorState connector, List<TaskState> tasks, String type) {

    static ConnectorStateJson of(ConnectorStatusReport report) {
        return new ConnectorStateJson(report.name(), ConnectorState.of(report.connector()),
                report.tasks().stream()
                        .sorted(Comparator.comparingInt(ConnectorStatusReport.TaskStatusReport::id))
                        .map(task -> TaskState.of(task.id(), task.status()))
                        .toList(),
                report.type().jsonName());
    }

    /** The connector instance's state. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ConnectorState(@JsonInclude(JsonInclude.Include.ALWAYS) String state,
                          @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("worker_id") String workerId,
                          String version,
                          String trace) {

        static ConnectorState of(InstanceStatus status) {
            return new ConnectorState(status.state().name(), status.workerId(), shownVersion(status.version()),
                    status.trace());
        }
    }

    /** One task's state; also the body of {@code GET /connectors/{c}/tasks/{t}/status}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "state", "worker_id", "version", "trace"})
    record TaskState(int id,
                     @JsonInclude(JsonInclude.Include.ALWAYS) String state,
                     @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("worker_id") String workerId,
                     String version,
                     String trace) {

        static TaskState of(int id, InstanceStatus status) {
            return new TaskState(id, status.state().name(), status.workerId(), shownVersion(status.version()),
                    status.trace());
        }
    }

    /** Apache hides the placeholder version of plugins that do not report one. */
    private static String shownVersion(String version) {
        return version == null || PluginDescriptor.UNDEFINED_VERSION.equals(version) ? null : version;
    }
}

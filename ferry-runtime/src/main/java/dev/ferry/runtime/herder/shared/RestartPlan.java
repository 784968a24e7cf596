package dev.ferry.runtime.herder.shared;

import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Which instances a restart request (KIP-745) restarts, worked out from the current status:
 * the connector unless {@code onlyFailed} and it is not FAILED; its tasks only with
 * {@code includeTasks}, and then only FAILED ones when {@code onlyFailed}.
 */
public record RestartPlan(boolean connector, List<ConnectorTaskId> tasks) {

    public static RestartPlan of(RestartRequest request, ConnectorStatusReport current) {
        boolean restartConnector = !request.onlyFailed() || current.connector().state() == State.FAILED;
        List<ConnectorTaskId> tasks = new ArrayList<>();
        if (request.includeTasks()) {
            for (TaskStatusReport t : current.tasks()) {
                if (!request.onlyFailed() || t.status().state() == State.FAILED) {
                    tasks.add(new ConnectorTaskId(current.name(), t.id()));
                }
            }
        }
        return new RestartPlan(restartConnector, tasks);
    }

    /**
     * The status to answer with: instances about to be restarted shown as RESTARTING, each keeping the
     * trace of its failure, as Apache's answer does.
     */
    public ConnectorStatusReport plannedStatus(ConnectorStatusReport current) {
        InstanceStatus c = connector ? restarting(current.connector()) : current.connector();
        List<TaskStatusReport> planned = new ArrayList<>();
        for (TaskStatusReport t : current.tasks()) {
            boolean restarts = tasks.contains(new ConnectorTaskId(current.name(), t.id()));
            planned.add(restarts ? new TaskStatusReport(t.id(), restarting(t.status())) : t);
        }
        return new ConnectorStatusReport(current.name(), c, planned, current.type());
    }

    private static InstanceStatus restarting(InstanceStatus s) {
        return new InstanceStatus(State.RESTARTING, s.workerId(), s.trace(), s.version(), s.generation());
    }
}

package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks whose status the herder has set to RESTARTING and whose new instance has not yet
 * reported a state of its own; {@link WorkerMetrics} counts those running here in
 * {@code connector-restarting-task-count}.
 *
 * <p>Why a herder call and not a worker report: RESTARTING is the one task state no task instance
 * reports. Apache's herders write it themselves, only for a restart request that names tasks
 * ({@code POST /connectors/{c}/restart?includeTasks=true}, KIP-745), on the worker that runs the
 * task, after stopping the old instance and before starting the new one. The stored status then
 * stays RESTARTING until the new instance reports RUNNING, PAUSED or FAILED, and that is the
 * window Apache's counter sees. A plain task restart ({@code POST .../tasks/{n}/restart}) and a
 * connector-only restart never write it. The herders call {@link #add} right where they write
 * the status, in that same order (stop, mark, start); a mark added before the stop would be
 * cleared at once by the old instance's last report.
 *
 * <p>Thread contract: thread-safe. Herder threads add, task threads clear, JMX and scrape
 * threads read.
 */
public final class RestartingTasks {
    private final Set<ConnectorTaskId> marked = ConcurrentHashMap.newKeySet();

    RestartingTasks() {
    }

    /**
     * The herder has just written RESTARTING for {@code task}, which it stopped here and is about
     * to start again. Call it after the stop and before the start.
     */
    public void add(ConnectorTaskId task) {
        marked.add(task);
    }

    boolean contains(ConnectorTaskId task) {
        return marked.contains(task);
    }

    /** The task's instance reported a state, or stopped: its status no longer says RESTARTING. */
    void clear(ConnectorTaskId task) {
        marked.remove(task);
    }

    /** None of the connector's tasks runs here any more; forgets marks of tasks that never started again. */
    void clearConnector(String connector) {
        marked.removeIf(task -> task.connector().equals(connector));
    }
}

package dev.ferry.benchmarks;

import dev.ferry.benchmarks.DistributedWorker.JoinTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Everything the cluster part measured, run by run; each list is empty when its phase failed
 * before its first run. The medians are null then, so a failed phase shows as "failed" rather
 * than as a figure.
 */
final class ClusterFigures {
    /** Whether the launcher mapped an AppCDS archive (recorded by an earlier standalone run). */
    boolean cdsArchive;
    /** Things seen during the runs that are not figures, e.g. a rebalance that left the work uneven. */
    final List<String> notes = new ArrayList<>();
    /** The first worker of a fresh cluster, one fresh group per run. */
    final List<JoinTiming> firstWorker = new ArrayList<>();
    /** A third worker joining a running cluster of two. */
    final List<JoinTiming> joiningWorker = new ArrayList<>();
    /** POST /connectors of a 4-task FileStreamSink until it and its 4 tasks are RUNNING. */
    final List<Double> connectorRunningSeconds = new ArrayList<>();
    /** kill -9 of the busiest worker until all work is RUNNING on the survivors. */
    final List<Handover> kills = new ArrayList<>();
    /** SIGTERM of the busiest worker until all work is RUNNING on the survivors. */
    final List<Handover> terms = new ArrayList<>();

    /**
     * One worker leaving a 3-worker cluster that runs the failover connectors.
     *
     * @param seconds from the signal until every connector and task is RUNNING on a survivor
     * @param workMoved connectors plus tasks that had run on the worker that left
     * @param exitSeconds from the signal until the process ended
     */
    record Handover(double seconds, int workMoved, double exitSeconds) {
    }

    Double medianFirstWorkerHealthy() {
        return median(firstWorker, JoinTiming::healthySeconds);
    }

    Double medianFirstWorkerRest() {
        return median(firstWorker, JoinTiming::restSeconds);
    }

    Double medianJoiningWorkerHealthy() {
        return median(joiningWorker, JoinTiming::healthySeconds);
    }

    Double medianJoiningWorkerRest() {
        return median(joiningWorker, JoinTiming::restSeconds);
    }

    Double medianConnectorRunning() {
        return median(connectorRunningSeconds, Double::doubleValue);
    }

    Double medianKillFailover() {
        return median(kills, Handover::seconds);
    }

    Double medianTermHandover() {
        return median(terms, Handover::seconds);
    }

    Double medianTermExit() {
        return median(terms, Handover::exitSeconds);
    }

    /** The median of one figure over the runs, or null when there were none. */
    static <T> Double median(List<T> runs, ToDoubleFunction<T> figure) {
        if (runs.isEmpty()) {
            return null;
        }
        return Startup.median(runs.stream().map(figure::applyAsDouble).toList());
    }
}

package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One Ferry cluster of the benchmark: the distributed workers of one {@code group.id}, each in
 * its own directory under {@code dir/<group>/} so its log stays for reading after the run.
 * Workers are added by {@link #launch} and leave by being killed, stopped or closed with the
 * cluster. Used from the benchmark's main thread only.
 */
final class DistributedWorkers implements AutoCloseable {

    /** How often the cluster's status is polled while waiting for it to change. */
    private static final long STATUS_POLL_MILLIS = 25;

    private final Path launcher;
    private final Path dist;
    private final Path dir;
    private final String bootstrapServers;
    private final String groupId;
    private final List<DistributedWorker> members = new ArrayList<>();
    private int launched;

    DistributedWorkers(BenchmarkOptions options, String bootstrapServers, String groupId) {
        this.launcher = options.launcher();
        this.dist = options.dist();
        this.dir = options.workDir().resolve(groupId);
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    /** Launches one more worker of this cluster; returns at once (see {@link DistributedWorker#awaitHealthy}). */
    DistributedWorker launch() throws IOException {
        DistributedWorker worker = DistributedWorker.launch(launcher, dist, dir.resolve("worker-" + ++launched),
                bootstrapServers, groupId);
        members.add(worker);
        return worker;
    }

    /** The workers that have not left, in launch order. */
    List<DistributedWorker> members() {
        return List.copyOf(members);
    }

    /** The member running the most connectors and tasks (the first launched among equals). */
    DistributedWorker busiest(ClusterStatus status) {
        DistributedWorker busiest = members.get(0);
        for (DistributedWorker w : members) {
            if (status.workOn(w.workerId()) > status.workOn(busiest.workerId())) {
                busiest = w;
            }
        }
        return busiest;
    }

    /** Any member other than {@code leaving}, to watch the cluster from. */
    DistributedWorker otherThan(DistributedWorker leaving) {
        return members.stream().filter(w -> w != leaving).findFirst()
                .orElseThrow(() -> new IllegalStateException("The cluster " + groupId + " has no other member"));
    }

    /** SIGKILL; the worker is no longer a member. */
    void kill9(DistributedWorker worker) {
        members.remove(worker);
        worker.kill9();
    }

    /** SIGTERM without waiting; the worker is no longer a member. */
    void sigterm(DistributedWorker worker) {
        members.remove(worker);
        worker.sigterm();
    }

    /** Stops the worker with SIGTERM and waits for it to exit. */
    void stop(DistributedWorker worker) {
        members.remove(worker);
        worker.close();
    }

    /**
     * Polls {@code observer}'s status until {@code done} holds and returns that status. A status
     * that cannot be read (a REST call that failed) counts as not done yet.
     */
    ClusterStatus awaitStatus(DistributedWorker observer, String what, Duration timeout, Predicate<ClusterStatus> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClusterStatus last = null;
        String lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = observer.status();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e.getMessage();
            }
            WorkerProcess.sleep(STATUS_POLL_MILLIS);
        }
        throw new IllegalStateException("Cluster " + groupId + ": not " + what + " within " + timeout + " (status from "
                + observer.workerId() + ": " + (last == null ? "none" : last.summary())
                + (lastError == null ? "" : "; last error: " + lastError) + "); " + observer.logTail());
    }

    /** SIGTERM to every member at once, then waits for each (SIGKILL after 30 s). */
    @Override
    public void close() {
        members.forEach(DistributedWorker::sigterm);
        members.forEach(DistributedWorker::close);
        members.clear();
    }
}

package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.benchmarks.DistributedWorker.JoinTiming;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The cluster part of the benchmark: Ferry's distributed mode with Apache's default group
 * settings (session.timeout.ms 10000, heartbeat.interval.ms 3000), every worker a process of its
 * own started through the launcher.
 *
 * <p>In order: the first worker of a fresh cluster, launch to {@code /health} "healthy" (a fresh
 * group per run); a third worker joining a running cluster of two, the same way (it leaves again
 * between runs, and stays after the last, making the 3-worker cluster of the next phases); a new
 * 4-task FileStreamSink, {@code POST /connectors} to connector and tasks RUNNING (deleted between
 * runs); then {@link FailoverPhase}'s kill -9 and SIGTERM handovers. Between runs the cluster is
 * left {@link #SETTLE} to finish the rebalance a run caused, so no run pays for the one before.
 */
final class ClusterBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Workers of the cluster the connector and failover phases use, as the issue asks. */
    static final int CLUSTER_SIZE = 3;

    /** Tasks of the connector the creation phase times; its topic has as many partitions. */
    private static final int CREATED_TASKS = 4;

    /** More than heartbeat.interval.ms (3 s): time for every member to notice and finish a rebalance. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    /** Generous: a worker that takes longer has failed the figure anyway. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkOptions options;
    private final String bootstrapServers;
    private final PrintStream progress;
    private final ClusterFigures figures;

    ClusterBenchmark(BenchmarkOptions options, String bootstrapServers, PrintStream progress, ClusterFigures figures) {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.figures = figures;
    }

    void run(Phases phases) {
        phases.run("cluster: first worker", this::firstWorkerRuns);
        try (DistributedWorkers cluster = new DistributedWorkers(options, bootstrapServers, "benchmark-cluster")) {
            phases.run("cluster: joining worker", () -> joiningWorkerRuns(cluster));
            phases.run("cluster: new connector", () -> {
                ensureMembers(cluster);
                connectorRuns(cluster);
            });
            FailoverPhase failover = new FailoverPhase(options, bootstrapServers, progress, cluster,
                    figures.notes);
            if (phases.run("cluster: failover set-up", () -> {
                ensureMembers(cluster);
                failover.setUp();
            })) {
                phases.run("cluster: kill -9 failover", () -> failover.handovers(true, figures.kills));
                phases.run("cluster: SIGTERM handover", () -> failover.handovers(false, figures.terms));
            } else {
                phases.skip("cluster: kill -9 failover", "the failover connectors did not start");
                phases.skip("cluster: SIGTERM handover", "the failover connectors did not start");
            }
        }
    }

    /** Each run: a fresh group, its first worker from launch to healthy, then stopped. */
    private void firstWorkerRuns() throws IOException {
        for (int run = 1; run <= options.clusterRuns(); run++) {
            try (DistributedWorkers cluster = new DistributedWorkers(options, bootstrapServers,
                    "benchmark-first-" + run)) {
                DistributedWorker worker = cluster.launch();
                JoinTiming timing = worker.awaitHealthy(JOIN_TIMEOUT);
                if (run == 1) {
                    // Read once the launcher has exec'd the JVM, so the command line is the JVM's.
                    figures.cdsArchive = usesCdsArchive(worker.pid());
                }
                figures.firstWorker.add(timing);
                progress.printf("first worker, run %d of %d: REST up %.2f s, healthy %.2f s after launch%n", run,
                        options.clusterRuns(), timing.restSeconds(), timing.healthySeconds());
            }
        }
    }

    /** Two workers, then per run a third from launch to healthy; it leaves between runs and stays after the last. */
    private void joiningWorkerRuns(DistributedWorkers cluster) throws IOException {
        ensureMembers(cluster, CLUSTER_SIZE - 1);
        WorkerProcess.sleep(SETTLE.toMillis());
        for (int run = 1; run <= options.clusterRuns(); run++) {
            DistributedWorker third = cluster.launch();
            JoinTiming timing = third.awaitHealthy(JOIN_TIMEOUT);
            figures.joiningWorker.add(timing);
            progress.printf("worker joining a cluster of %d, run %d of %d: REST up %.2f s, healthy %.2f s after "
                    + "launch%n", CLUSTER_SIZE - 1, run, options.clusterRuns(), timing.restSeconds(),
                    timing.healthySeconds());
            if (run < options.clusterRuns()) {
                cluster.stop(third);
            }
            WorkerProcess.sleep(SETTLE.toMillis());
        }
    }

    /** Each run: POST a 4-task sink to one member (in turn), time it to RUNNING, delete it. */
    private void connectorRuns(DistributedWorkers cluster) throws Exception {
        List<String> topics = new ArrayList<>();
        for (int run = 1; run <= options.connectorRuns(); run++) {
            topics.add("benchmark-create-" + run);
        }
        createTopics(bootstrapServers, topics, CREATED_TASKS);
        Path files = Files.createDirectories(options.workDir().resolve("cluster-files"));
        for (int run = 1; run <= options.connectorRuns(); run++) {
            String name = "benchmark-create-" + run;
            DistributedWorker worker = cluster.members().get(run % cluster.members().size());
            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", "FileStreamSink");
            config.put("tasks.max", Integer.toString(CREATED_TASKS));
            config.put("topics", topics.get(run - 1));
            config.put("file", files.resolve(name + ".txt").toString());
            long posted = System.nanoTime();
            HttpResponse<String> created = worker.post("/connectors", connectorJson(name, config));
            double answered = (System.nanoTime() - posted) / 1e9;
            if (created.statusCode() != 201) {
                throw new IllegalStateException("POST /connectors of " + name + " to " + worker.workerId()
                        + " returned " + created.statusCode() + ": " + created.body() + "; " + worker.logTail());
            }
            awaitConnectorRunning(worker, name, CREATED_TASKS);
            double seconds = (System.nanoTime() - posted) / 1e9;
            figures.connectorRunningSeconds.add(seconds);
            progress.printf("new %d-task connector, run %d of %d: POST answered in %.2f s, all RUNNING %.2f s after "
                    + "the POST (sent to %s)%n", CREATED_TASKS, run, options.connectorRuns(), answered, seconds,
                    worker.workerId());
            HttpResponse<String> deleted = worker.delete("/connectors/" + name);
            if (deleted.statusCode() != 204) {
                throw new IllegalStateException("DELETE /connectors/" + name + " returned " + deleted.statusCode()
                        + ": " + deleted.body());
            }
            cluster.awaitStatus(worker, "without connectors after deleting " + name, RUNNING_TIMEOUT,
                    s -> s.connectors().isEmpty() && s.tasks().isEmpty());
            WorkerProcess.sleep(SETTLE.toMillis());
        }
    }

    /** Polls {@code GET /connectors/<name>/status} until the connector and {@code tasks} tasks are RUNNING. */
    private static void awaitConnectorRunning(DistributedWorker worker, String name, int tasks) {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = worker.get("/connectors/" + name + "/status");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200
                        && ClusterStatus.parseOne(name, response.body()).allRunning(1, tasks, null)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            WorkerProcess.sleep(DistributedWorker.POLL_MILLIS);
        }
        throw new IllegalStateException(name + " and its " + tasks + " tasks were not RUNNING within " + RUNNING_TIMEOUT
                + " (last GET /connectors/" + name + "/status: " + last + "); " + worker.logTail());
    }

    /** Launches workers until the cluster has {@value #CLUSTER_SIZE}, and waits until all are healthy. */
    private static void ensureMembers(DistributedWorkers cluster) throws IOException {
        ensureMembers(cluster, CLUSTER_SIZE);
    }

    static void ensureMembers(DistributedWorkers cluster, int size) throws IOException {
        while (cluster.members().size() < size) {
            cluster.launch();
        }
        for (DistributedWorker worker : cluster.members()) {
            worker.awaitHealthy(JOIN_TIMEOUT);
        }
    }

    static String connectorJson(String name, Map<String, String> config) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        return JSON.writeValueAsString(body);
    }

    static void createTopics(String bootstrap, List<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the topics " + names + ": " + e, e);
        }
    }

    /** Whether the launcher started this JVM with an AppCDS archive, from its command line. */
    private static boolean usesCdsArchive(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return cmdline.contains("-XX:SharedArchiveFile=");
        } catch (IOException e) {
            return false;
        }
    }
}

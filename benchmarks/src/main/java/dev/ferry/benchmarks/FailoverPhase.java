package dev.ferry.benchmarks;

import dev.ferry.benchmarks.ClusterFigures.Handover;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker leaving a busy 3-worker cluster: two FileStreamSources (one task each) and two 4-task
 * FileStreamSinks reading what they wrote, 4 connectors and 10 tasks in all. Each run takes the
 * worker running the most of them away, with kill -9 (the group only learns of it when its
 * session.timeout.ms of 10 s ends) or SIGTERM (it leaves the group as it stops), and times the
 * signal until a surviving worker's {@code GET /connectors?expand=status} shows every connector
 * and task RUNNING with no status naming the worker that left. A new worker then takes its place
 * and the cluster is left until the work is spread evenly again before the next run.
 */
final class FailoverPhase {
    static final int CONNECTORS = 4;
    private static final int SINK_TASKS = 4;
    static final int TASKS = 2 + 2 * SINK_TASKS;

    /** Lines in each source's input file: enough for the sinks to have had work, read in a second or two. */
    private static final int INPUT_LINES = 10_000;

    /**
     * How long a handover may take before the run counts as failed: far above Ferry's 15 s target,
     * far below the 310 s Apache's defaults give, which this benchmark does not wait out.
     */
    private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(120);

    /** For the cluster to spread the work over a new worker. */
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkOptions options;
    private final String bootstrapServers;
    private final PrintStream progress;
    private final DistributedWorkers cluster;
    private final List<String> notes;

    FailoverPhase(BenchmarkOptions options, String bootstrapServers, PrintStream progress, DistributedWorkers cluster,
            List<String> notes) {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.cluster = cluster;
        this.notes = notes;
    }

    /** Creates the topics, input files and the 4 connectors, and waits until they run evenly spread. */
    void setUp() throws IOException {
        List<String> topics = List.of("benchmark-failover-a", "benchmark-failover-b");
        ClusterBenchmark.createTopics(bootstrapServers, topics, SINK_TASKS);
        Path files = Files.createDirectories(options.workDir().resolve("cluster-files"));
        DistributedWorker worker = cluster.members().get(0);
        for (String topic : topics) {
            Path input = files.resolve(topic + "-input.txt");
            BenchmarkLines.writeFile(input, INPUT_LINES);
            create(worker, topic + "-source", Map.of("connector.class", "FileStreamSource", "tasks.max", "1",
                    "file", input.toString(), "topic", topic));
            create(worker, topic + "-sink", Map.of("connector.class", "FileStreamSink",
                    "tasks.max", Integer.toString(SINK_TASKS), "file", files.resolve(topic + "-output.txt").toString(),
                    "topics", topic));
        }
        ClusterStatus status = cluster.awaitStatus(worker, "running the failover connectors", START_TIMEOUT,
                s -> s.allRunning(CONNECTORS, TASKS, null));
        progress.println("failover connectors: " + status.summary());
        awaitEvenSpread();
        WorkerProcess.sleep(ClusterBenchmark.SETTLE.toMillis());
    }

    /** Runs {@code clusterRuns} handovers, by kill -9 or by SIGTERM, into {@code runs}. */
    void handovers(boolean kill, List<Handover> runs) throws Exception {
        String how = kill ? "kill -9" : "SIGTERM";
        for (int run = 1; run <= options.clusterRuns(); run++) {
            ClusterStatus before = cluster.awaitStatus(cluster.members().get(0), "all RUNNING before the " + how,
                    START_TIMEOUT, s -> s.allRunning(CONNECTORS, TASKS, null));
            DistributedWorker leaving = cluster.busiest(before);
            DistributedWorker observer = cluster.otherThan(leaving);
            int work = before.workOn(leaving.workerId());
            CompletableFuture<Long> exited = leaving.exitNanos();
            long signalled = System.nanoTime();
            if (kill) {
                cluster.kill9(leaving);
            } else {
                cluster.sigterm(leaving);
            }
            cluster.awaitStatus(observer, "RUNNING on the survivors after " + how + " of " + leaving.workerId(),
                    HANDOVER_TIMEOUT, s -> s.allRunning(CONNECTORS, TASKS, leaving.workerId()));
            double seconds = (System.nanoTime() - signalled) / 1e9;
            double exitSeconds = (exited.get(60, TimeUnit.SECONDS) - signalled) / 1e9;
            runs.add(new Handover(seconds, work, exitSeconds));
            progress.printf("%s, run %d of %d: %d connectors+tasks of %s RUNNING on the survivors after %.2f s "
                    + "(process gone after %.2f s; log %s)%n", how, run, options.clusterRuns(), work,
                    leaving.workerId(), seconds, exitSeconds, leaving.log());
            DistributedWorker replacement = cluster.launch();
            replacement.awaitHealthy(Duration.ofSeconds(120));
            awaitEvenSpread();
            WorkerProcess.sleep(ClusterBenchmark.SETTLE.toMillis());
        }
    }

    /**
     * Waits until every member runs tasks and the counts differ by at most one. A cluster that
     * does not get there is noted, not failed: the next run still measures a handover.
     */
    private void awaitEvenSpread() {
        List<String> members = cluster.members().stream().map(DistributedWorker::workerId).sorted().toList();
        try {
            cluster.awaitStatus(cluster.members().get(0), "running tasks on each of " + members, SPREAD_TIMEOUT,
                    s -> s.allRunning(CONNECTORS, TASKS, null) && evenlyOver(s.tasksPerWorker(), members));
        } catch (IllegalStateException e) {
            String note = "the work was not spread evenly over " + members + " within " + SPREAD_TIMEOUT + ": "
                    + firstLine(e.getMessage());
            notes.add(note);
            progress.println("note: " + note);
        }
    }

    static boolean evenlyOver(Map<String, Integer> tasksPerWorker, List<String> members) {
        if (!tasksPerWorker.keySet().equals(new java.util.TreeSet<>(members))) {
            return false;
        }
        List<Integer> counts = new ArrayList<>(tasksPerWorker.values());
        return Collections.max(counts) - Collections.min(counts) <= 1;
    }

    private static void create(DistributedWorker worker, String name, Map<String, String> config) throws IOException {
        HttpResponse<String> response = worker.post("/connectors",
                ClusterBenchmark.connectorJson(name, new LinkedHashMap<>(config)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /connectors of " + name + " returned " + response.statusCode() + ": "
                    + response.body() + "; " + worker.logTail());
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}

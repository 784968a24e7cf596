package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One runtime's turn in the density benchmark, on one fresh standalone worker: a connector that keeps moving data
 * the whole time; idle memory and threads; {@code connectors} quiet connectors of {@code tasksPerConnector} tasks
 * created one by one; the time until all are RUNNING; memory and threads once idle again; concurrent REST clients
 * reading {@code GET /connectors?expand=status}, then creating connectors; the time to stop on SIGTERM. Figures
 * go into a flat map (README's density section names them); a phase that fails ends the turn with
 * {@code failure} set.
 */
final class DensityRun {
    static final String QUIET_TOPIC = "density-quiet";
    static final String MOVING_TOPIC = "density-moving";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ALL_RUNNING_TIMEOUT = Duration.ofMinutes(10);
    // Apache stops a standalone worker's connectors one after another, each after its tasks' last poll returns (up to
    // 1 s for a quiet task): ~5 minutes for 300 connectors.
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);

    private final DensityOptions options;
    private final PrintStream progress;
    private final Admin admin;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    DensityRun(DensityOptions options, PrintStream progress, Admin admin) {
        this.options = options;
        this.progress = progress;
        this.admin = admin;
    }

    Map<String, Object> run(StandaloneRuntime runtime, Path dir, String bootstrap) throws Exception {
        figures.put("runtime", runtime.label);
        Map<String, String> extra = Map.of("plugin.path", options.pluginPath().toString());
        try (MeasuredWorker worker = runtime.launch(options.installs(), dir, bootstrap, extra)) {
            try {
                measure(worker);
            } catch (Exception | AssertionError e) {
                figures.put("failure", e.getMessage());
                progress.println("  FAILED: " + e.getMessage());
            }
        }
        return figures;
    }

    private void measure(MeasuredWorker worker) throws Exception {
        put("startSeconds", worker.awaitHealthy(Duration.ofMinutes(3)).toMillis() / 1000.0);
        worker.create(body("moving", 1, options.moveRate()));
        awaitRunning(worker, 1, 1, Duration.ofMinutes(1));
        WorkerProcess.sleep(options.idleSeconds() * 1000L);
        long idleRss = worker.rssKib();
        long idleThreads = worker.threads();
        put("idleRssMiB", idleRss / 1024.0);
        put("idleThreads", idleThreads);
        progress.printf("  idle with one moving connector: %.0f MiB RSS, %d threads%n", idleRss / 1024.0, idleThreads);

        int connectors = options.connectors();
        int tasks = connectors * options.tasksPerConnector();
        long start = System.nanoTime();
        for (int i = 0; i < connectors; i++) {
            worker.create(body("quiet-" + i, options.tasksPerConnector(), 0));
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;
        put("createOneByOneSeconds", createSeconds);
        put("createsPerSecondOneByOne", connectors / createSeconds);
        awaitRunning(worker, connectors + 1, tasks + 1, ALL_RUNNING_TIMEOUT);
        double allRunning = (System.nanoTime() - start) / 1e9;
        put("allRunningSeconds", allRunning);
        progress.printf("  %d connectors / %d tasks created one by one in %.1f s, all RUNNING after %.1f s%n",
                connectors, tasks, createSeconds, allRunning);

        WorkerProcess.sleep(options.idleSeconds() * 1000L);
        long loadedRss = worker.rssKib();
        long loadedThreads = worker.threads();
        put("loadedRssMiB", loadedRss / 1024.0);
        put("loadedThreads", loadedThreads);
        put("rssKiBPerTask", (loadedRss - idleRss) / (double) tasks);
        put("threadsPerTask", (loadedThreads - idleThreads) / (double) tasks);
        progress.printf("  loaded and idle: %.0f MiB RSS, %d threads: %.0f KiB and %.2f threads per task%n",
                loadedRss / 1024.0, loadedThreads, (loadedRss - idleRss) / (double) tasks,
                (loadedThreads - idleThreads) / (double) tasks);

        restLoad(worker, connectors);

        Duration stop = worker.stop(STOP_TIMEOUT);
        if (stop == null) {
            throw new IllegalStateException(worker.runtime.label + " had not exited " + STOP_TIMEOUT.toSeconds()
                    + " s after SIGTERM; " + WorkerProcess.logTail(worker.log));
        }
        put("stopSeconds", stop.toMillis() / 1000.0);
        progress.printf("  SIGTERM to exit: %.1f s%n", stop.toMillis() / 1000.0);
    }

    private void restLoad(MeasuredWorker worker, int connectors) throws Exception {
        int clients = options.clients();
        String url = worker.url("/connectors?expand=status");
        RestLoad.reads(url, clients, 3);
        long movedBefore = movedRecords();
        long t0 = System.nanoTime();
        Map<String, Double> reads = RestLoad.reads(url, clients, options.readSeconds());
        double moved = (movedRecords() - movedBefore) / ((System.nanoTime() - t0) / 1e9);
        reads.forEach((k, v) -> put("reads." + k, v));
        put("reads.movedRecordsPerSecond", moved);
        progress.printf("  %d clients on GET /connectors?expand=status for %d s: p50 %.1f ms, p99 %.1f ms, %.0f/s, "
                        + "%.0f errors; the moving connector sent %.0f records/s meanwhile%n", clients,
                options.readSeconds(), reads.get("p50Millis"), reads.get("p99Millis"), reads.get("requestsPerSecond"),
                reads.get("errors"), moved);

        int creates = options.loadCreates();
        movedBefore = movedRecords();
        t0 = System.nanoTime();
        Map<String, Double> made = RestLoad.creates(clients, creates, i -> HttpRequest.newBuilder(
                        URI.create(worker.url("/connectors"))).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body("load-" + i, 1, 0))).build());
        moved = (movedRecords() - movedBefore) / ((System.nanoTime() - t0) / 1e9);
        made.forEach((k, v) -> put("creates." + k, v));
        put("creates.movedRecordsPerSecond", moved);
        progress.printf("  %d clients creating %d connectors: p50 %.1f ms, p99 %.1f ms, %.1f creates/s, %.0f errors; "
                        + "the moving connector sent %.0f records/s meanwhile%n", clients, creates,
                made.get("p50Millis"), made.get("p99Millis"), made.get("requestsPerSecond"), made.get("errors"), moved);
        int listed = JSON.readTree(worker.http.get("/connectors").body()).size();
        put("creates.listedAfter", listed);
        if (listed != connectors + 1 + creates - made.get("errors").intValue()) {
            progress.printf("  NOTE: %d connectors listed after the creates, expected %d%n", listed,
                    connectors + 1 + creates - made.get("errors").intValue());
        }
    }

    private long movedRecords() throws InterruptedException, ExecutionException {
        TopicPartition partition = new TopicPartition(MOVING_TOPIC, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    /** Polls the expanded status until at least that many connectors and tasks are RUNNING. */
    private static void awaitRunning(MeasuredWorker worker, int connectors, int tasks, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = worker.http.get("/connectors?expand=status");
            if (response.statusCode() == 200) {
                int[] running = running(JSON.readTree(response.body()));
                if (running[0] >= connectors && running[1] >= tasks) {
                    return;
                }
                last = running[0] + " connectors and " + running[1] + " tasks RUNNING";
            } else {
                last = response.statusCode() + " " + response.body();
            }
            WorkerProcess.sleep(200);
        }
        throw new IllegalStateException(worker.runtime.label + ": not " + connectors + " connectors and " + tasks
                + " tasks RUNNING within " + timeout.toSeconds() + " s (last: " + last + "); "
                + WorkerProcess.logTail(worker.log));
    }

    private static int[] running(JsonNode expanded) {
        int[] counts = new int[2];
        expanded.forEach(entry -> {
            JsonNode status = entry.path("status");
            if ("RUNNING".equals(status.path("connector").path("state").asText())) {
                counts[0]++;
            }
            status.path("tasks").forEach(t -> counts[1] += "RUNNING".equals(t.path("state").asText()) ? 1 : 0);
        });
        return counts;
    }

    private static String body(String name, int tasks, int rate) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("connector.class", QuietPlugin.CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topic", rate > 0 ? MOVING_TOPIC : QUIET_TOPIC);
        config.put("records.per.second", Integer.toString(rate));
        try {
            return JSON.writeValueAsString(Map.of("name", name, "config", config));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String key, double value) {
        figures.put(key, value);
    }
}

package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Ferry worker in distributed mode, started the way a user starts it: the {@code ferry}
 * launcher ({@code ferry distributed worker.properties}) with {@code FERRY_HOME} pointing at the
 * built distribution. Its worker.properties holds only what Apache's sample
 * {@code connect-distributed.properties} sets, so every group timing (session.timeout.ms 10000,
 * heartbeat.interval.ms 3000, rebalance.timeout.ms 60000) is Apache's default.
 *
 * <p>Called from the benchmark's main thread only.
 */
final class DistributedWorker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often health and status are polled; small against the seconds being measured. */
    static final long POLL_MILLIS = 10;

    private final Process process;
    private final long launchedAtNanos;
    private final int port;
    private final Http http;
    private final Path log;
    private final HttpClient deletes = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DistributedWorker(Process process, long launchedAtNanos, int port, Path log) {
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
        this.port = port;
        this.http = new Http(port);
        this.log = log;
    }

    /** How long a launch took to answer over REST, and then to report itself joined. */
    record JoinTiming(double restSeconds, double healthySeconds) {
    }

    /**
     * The worker.properties of a member of cluster {@code groupId}: its internal topics are named
     * after the group, with replication factor 1 for the single benchmark broker.
     */
    static Map<String, String> properties(String bootstrapServers, String groupId, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        // The value in Apache's sample connect-distributed.properties.
        props.put("offset.flush.interval.ms", "10000");
        props.put("listeners", "http://127.0.0.1:" + port);
        return props;
    }

    /** Writes worker.properties into {@code dir} and launches the worker; returns at once. */
    static DistributedWorker launch(Path launcher, Path dist, Path dir, String bootstrapServers, String groupId)
            throws IOException {
        return launch(launcher, dist, dir, bootstrapServers, groupId, Map.of());
    }

    /** As {@link #launch(Path, Path, Path, String, String)}, with {@code extra} added to worker.properties. */
    static DistributedWorker launch(Path launcher, Path dist, Path dir, String bootstrapServers, String groupId,
                                    Map<String, String> extra) throws IOException {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        StringBuilder text = new StringBuilder();
        Map<String, String> props = properties(bootstrapServers, groupId, port);
        props.putAll(extra);
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path workerProperties = Files.writeString(dir.resolve("worker.properties"), text);
        Path log = dir.resolve("worker.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "distributed",
                workerProperties.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("FERRY_HOME", dist.toString());
        long launchedAt = System.nanoTime();
        Process process = builder.start();
        return new DistributedWorker(process, launchedAt, port, log);
    }

    /** The id status entries carry for this worker: its advertised REST host and port. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code GET /health} until it says {@code healthy} (the worker has joined the group);
     * returns the times from launch to the first answer of any kind and to {@code healthy}.
     */
    JoinTiming awaitHealthy(Duration timeout) {
        long deadline = launchedAtNanos + timeout.toNanos();
        Double restSeconds = null;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.get("/health");
                long now = System.nanoTime();
                if (restSeconds == null) {
                    restSeconds = (now - launchedAtNanos) / 1e9;
                }
                last = response.statusCode() + " " + response.body();
                if ("healthy".equals(JSON.readTree(response.body()).path("status").asText())) {
                    return new JoinTiming(restSeconds, (now - launchedAtNanos) / 1e9);
                }
            } catch (IOException notListeningYet) {
                // expected until the REST server binds its port
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Worker " + workerId() + " exited with status " + process.exitValue()
                        + " before it was healthy; " + logTail());
            }
            WorkerProcess.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("Worker " + workerId() + " was not healthy within " + timeout
                + " (last GET /health: " + last + "); " + logTail());
    }

    HttpResponse<String> get(String path) throws IOException {
        return http.get(path);
    }

    HttpResponse<String> post(String path, String json) throws IOException {
        return http.post(path, json);
    }

    HttpResponse<String> delete(String path) throws IOException {
        try {
            return deletes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the worker", e);
        }
    }

    /** Every connector and task status this worker knows ({@code GET /connectors?expand=status}). */
    ClusterStatus status() throws IOException {
        HttpResponse<String> response = http.get("/connectors?expand=status");
        if (response.statusCode() != 200) {
            throw new IOException("GET /connectors?expand=status on " + workerId() + " returned "
                    + response.statusCode() + ": " + response.body());
        }
        return ClusterStatus.parse(response.body());
    }

    /** SIGKILL: no shutdown hook runs and the group only notices when the session expires. */
    void kill9() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** Completes with {@link System#nanoTime()} when the process has ended; ask before signalling it. */
    CompletableFuture<Long> exitNanos() {
        return process.onExit().thenApply(p -> System.nanoTime());
    }

    /** Sends SIGTERM and returns at once; see {@link #waitForExit}. */
    void sigterm() {
        process.destroy();
    }

    /** Waits for the process to end; true when it did within {@code timeout}. */
    boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the worker's output, to explain a failure. */
    String logTail() {
        return WorkerProcess.logTail(log);
    }

    /** SIGTERM and wait for the worker to exit; SIGKILL if it has not within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(30))) {
            System.err.println("Worker " + workerId() + " did not exit within 30 s of SIGTERM; killing it. " + logTail());
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }
}

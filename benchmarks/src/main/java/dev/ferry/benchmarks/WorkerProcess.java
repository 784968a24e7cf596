package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Ferry standalone worker, started the way a user starts it: the {@code ferry} launcher with
 * {@code FERRY_HOME} pointing at the built distribution, so it runs with the launcher's JVM options
 * and never rebuilds. The launcher exec's the JVM, so the process's pid is the worker's own and
 * {@code /proc/<pid>} describes the worker alone.
 */
final class WorkerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often readiness is polled; small against the start-up times being measured. */
    private static final long READY_POLL_MILLIS = 10;

    private final Process process;
    private final long launchedAtNanos;
    private final Http http;
    private final Path log;

    private WorkerProcess(Process process, long launchedAtNanos, int port, Path log) {
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
        this.http = new Http(port);
        this.log = log;
    }

    /**
     * Writes an Apache-format standalone worker.properties into {@code dir} and launches the
     * worker without connectors. Returns at once; see {@link #awaitReady}.
     */
    static WorkerProcess launch(Path launcher, Path dist, Path dir, String bootstrapServers) throws IOException {
        return launch(launcher, dist, dir, bootstrapServers, "");
    }

    /**
     * As {@link #launch(Path, Path, Path, String)}, with {@code jvmOptions} added to the launcher's
     * {@code FERRY_OPTS} after whatever the benchmark's own environment sets there.
     */
    static WorkerProcess launch(Path launcher, Path dist, Path dir, String bootstrapServers, String jvmOptions)
            throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        // The value in Apache's sample connect-standalone.properties.
        props.put("offset.flush.interval.ms", "10000");
        props.put("listeners", "http://127.0.0.1:" + port);
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path workerProperties = Files.writeString(dir.resolve("worker.properties"), text);

        Path log = dir.resolve("worker.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "standalone",
                workerProperties.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("FERRY_HOME", dist.toString());
        if (!jvmOptions.isBlank()) {
            String userOptions = builder.environment().getOrDefault("FERRY_OPTS", "");
            builder.environment().put("FERRY_OPTS", (userOptions + " " + jvmOptions).trim());
        }
        long launchedAt = System.nanoTime();
        Process process = builder.start();
        return new WorkerProcess(process, launchedAt, port, log);
    }

    long pid() {
        return process.pid();
    }

    /** The worker JVM's command line, from {@code /proc/<pid>/cmdline}; empty when unreadable. */
    List<String> commandLine() {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid()), "cmdline"), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Polls {@code GET /} until it answers 200; returns the time from launch to that answer. */
    Duration awaitReady(Duration timeout) {
        long deadline = launchedAtNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                }
            } catch (IOException notListeningYet) {
                // expected until the REST server binds its port
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The worker exited with status " + process.exitValue()
                        + " before its REST API answered; " + logTail());
            }
            sleep(READY_POLL_MILLIS);
        }
        throw new IllegalStateException("The worker's REST API did not answer GET / with 200 within " + timeout
                + "; " + logTail());
    }

    /** Creates a connector through {@code POST /connectors}, as a user would. */
    void createConnector(String name, Map<String, String> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        HttpResponse<String> response;
        try {
            response = http.post("/connectors", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException("POST /connectors for " + name + " failed; " + logTail(), e);
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("POST /connectors for " + name + " returned " + response.statusCode()
                    + ": " + response.body() + "; " + logTail());
        }
    }

    /** Deletes a connector through {@code DELETE /connectors/{name}}, which stops its tasks first. */
    void deleteConnector(String name) {
        HttpResponse<String> response;
        try {
            response = http.delete("/connectors/" + name);
        } catch (IOException e) {
            throw new UncheckedIOException("DELETE /connectors/" + name + " failed; " + logTail(), e);
        }
        if (response.statusCode() != 204) {
            throw new IllegalStateException("DELETE /connectors/" + name + " returned " + response.statusCode()
                    + ": " + response.body() + "; " + logTail());
        }
    }

    /** The connector's status JSON, or a note on why there is none; for failure messages. */
    String connectorStatus(String name) {
        try {
            HttpResponse<String> response = http.get("/connectors/" + name + "/status");
            return "GET /connectors/" + name + "/status -> " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "GET /connectors/" + name + "/status failed: " + e;
        }
    }

    /** The last lines of the worker's output, to explain a failure. */
    String logTail() {
        return logTail(log);
    }

    /** The last 30 lines of a worker's log file, for failure messages. */
    static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "last lines of " + log + ":\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "worker log " + log + " unreadable: " + e;
        }
    }

    /** SIGTERM and wait for the worker to exit; SIGKILL if it has not within 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println("The worker did not exit within 30 s of SIGTERM; killing it. " + logTail());
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

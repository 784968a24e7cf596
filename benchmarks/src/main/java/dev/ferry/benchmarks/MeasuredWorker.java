package dev.ferry.benchmarks;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A running standalone worker of either runtime (see {@link StandaloneRuntime}), as the density benchmark sees it:
 * its REST port, its process's resident memory and thread count from {@code /proc}, and how long it takes to stop.
 */
final class MeasuredWorker implements AutoCloseable {
    final StandaloneRuntime runtime;
    final int port;
    final Http http;
    final Path log;
    private final Process process;
    private final long launchedAtNanos = System.nanoTime();

    MeasuredWorker(StandaloneRuntime runtime, Process process, int port, Path log) {
        this.runtime = runtime;
        this.process = process;
        this.port = port;
        this.http = new Http(port);
        this.log = log;
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Polls {@code GET /health} until it answers 200; returns the time from launch. */
    Duration awaitHealthy(Duration timeout) {
        long deadline = launchedAtNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/health").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                }
            } catch (IOException notListeningYet) {
                // expected until the REST server binds its port
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(runtime.label + " exited with status " + process.exitValue()
                        + " before it was healthy; " + WorkerProcess.logTail(log));
            }
            WorkerProcess.sleep(20);
        }
        throw new IllegalStateException(runtime.label + " was not healthy within " + timeout + "; "
                + WorkerProcess.logTail(log));
    }

    /** POST /connectors; throws with the answer unless it is 201. */
    void create(String body) throws IOException {
        HttpResponse<String> response = http.post("/connectors", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(runtime.label + ": POST /connectors returned " + response.statusCode()
                    + ": " + response.body() + "; " + WorkerProcess.logTail(log));
        }
    }

    /** Resident memory in KiB ({@code VmRSS}). */
    long rssKib() {
        return statusField("VmRSS:");
    }

    /** Live threads of the worker JVM ({@code Threads:} of /proc/pid/status). */
    long threads() {
        return statusField("Threads:");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid() + "/status: " + e, e);
        }
        throw new IllegalStateException("/proc/" + pid() + "/status has no " + name);
    }

    /**
     * SIGTERM and waits for the process to exit; returns the time that took, or null when it had not exited
     * after {@code timeout} (it is then killed).
     */
    Duration stop(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Duration.ofNanos(System.nanoTime() - start);
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

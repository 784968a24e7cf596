package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * A Ferry worker running as its own process from the built distribution, the way a user runs
 * it: {@code java -cp lib/* dev.ferry.cli.Main standalone worker.properties connectors...}. Tests
 * talk to it over REST and can kill it with SIGKILL to test crash recovery.
 */
final class WorkerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The class data of the built distribution's workers (not of other installations, whose jars differ). */
    private static final ClassDataArchive CLASS_DATA = new ClassDataArchive("ferry-worker");
    /**
     * The JIT of the JVMs the tests start from the distribution's jars: C1 alone. A test's worker lives seconds, too
     * short for C2's compilations to pay back the CPU they take from the other processes of the two-core machine; the
     * code that runs is the same. (Apache's workers, the oracle, keep their usual JIT.)
     */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

    final Path dir;
    final int port;
    private final String mode;
    /** The broker the worker talks to, which a class-data recording started for it talks to too. */
    private final String bootstrap;
    private final ConnectRest rest;
    private final Path log;
    private Process process;
    /** The Ferry installation the worker runs from; null: the built distribution. */
    private Path home;
    /** JVM options before the main class, e.g. {@code -Djava.security.auth.login.config=...} (Apache's KAFKA_OPTS). */
    private List<String> jvmOptions = List.of();

    private WorkerProcess(Path dir, int port, String mode, String bootstrap) {
        this.dir = dir;
        this.port = port;
        this.rest = new ConnectRest(port);
        this.mode = mode;
        this.bootstrap = bootstrap;
        this.log = dir.resolve("worker.log");
    }

    /** Writes worker.properties into {@code dir} (plus {@code extra}) and starts the worker. */
    static WorkerProcess start(Path dir, String bootstrap, Map<String, String> extra, Path... connectorFiles)
            throws IOException {
        return startFrom(null, dir, bootstrap, extra, connectorFiles);
    }

    /**
     * Like {@link #start}, from another Ferry installation {@code home} (null: the built distribution), such as one
     * whose plugin directories a test changed the way a user would.
     */
    static WorkerProcess startFrom(Path home, Path dir, String bootstrap, Map<String, String> extra,
                                   Path... connectorFiles) throws IOException {
        WorkerProcess worker = new WorkerProcess(dir, freePort(), "standalone", bootstrap);
        worker.home = home;
        Map<String, String> props = commonProps(bootstrap, worker.port);
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.putAll(extra);
        worker.writeProperties(props);
        worker.launch(connectorFiles);
        return worker;
    }

    /**
     * Starts a worker of the distributed cluster {@code groupId}, whose internal topics are named
     * after the group; returns once its REST API answers (it may still be joining the group).
     */
    static WorkerProcess startDistributed(Path dir, String bootstrap, String groupId, Map<String, String> extra)
            throws IOException {
        return startDistributed(dir, bootstrap, groupId, extra, List.of());
    }

    /** Like {@link #startDistributed(Path, String, String, Map)}, with {@code jvmOptions} on the java command line. */
    static WorkerProcess startDistributed(Path dir, String bootstrap, String groupId, Map<String, String> extra,
                                          List<String> jvmOptions) throws IOException {
        return startDistributed(dir, bootstrap, groupId, port -> extra, jvmOptions);
    }

    /**
     * Like {@link #startDistributed(Path, String, String, Map)}, with settings made from the port of
     * the plain {@code http} listener the test talks to (e.g. {@code listeners} adding an https one).
     */
    static WorkerProcess startDistributed(Path dir, String bootstrap, String groupId,
                                          java.util.function.IntFunction<Map<String, String>> extraForPort,
                                          List<String> jvmOptions) throws IOException {
        Files.createDirectories(dir);
        WorkerProcess worker = new WorkerProcess(dir, freePort(), "distributed", bootstrap);
        Map<String, String> extra = extraForPort.apply(worker.port);
        worker.jvmOptions = List.copyOf(jvmOptions);
        Map<String, String> props = commonProps(bootstrap, worker.port);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.putAll(extra);
        worker.writeProperties(props);
        worker.launch();
        return worker;
    }

    /** One worker's start, for {@link #startTogether}. */
    interface Start {
        WorkerProcess start() throws IOException;
    }

    /**
     * Starts the workers at the same time, each on its own thread (a worker's start-up is mostly its
     * JVM's own CPU work, so tests with several workers no longer pay for them one after the other),
     * and returns them in the order given once every one answers REST. If one fails, the others are
     * closed and its failure is thrown.
     */
    static List<WorkerProcess> startTogether(List<Start> starts) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(starts.size());
        try {
            List<java.util.concurrent.Future<WorkerProcess>> pending = new ArrayList<>();
            for (Start start : starts) {
                pending.add(threads.submit(start::start));
            }
            List<WorkerProcess> started = new ArrayList<>();
            Exception failure = null;
            for (java.util.concurrent.Future<WorkerProcess> future : pending) {
                try {
                    started.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = failure != null ? failure
                            : e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
            if (failure != null) {
                for (WorkerProcess worker : started) {
                    worker.close();
                }
                throw failure;
            }
            return started;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Starts a worker on a thread of its own, so that the test can start another process meanwhile. */
    static java.util.concurrent.FutureTask<WorkerProcess> startInBackground(Start start) {
        java.util.concurrent.FutureTask<WorkerProcess> task = new java.util.concurrent.FutureTask<>(start::start);
        Thread thread = new Thread(task, "worker-start");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** Closes the worker a {@link #startInBackground} start made, when it made one (used when the test fails early). */
    static void closeWhenStarted(java.util.concurrent.Future<WorkerProcess> start) {
        try {
            start.get().close();
        } catch (Exception ignored) {
            // it did not start, so there is nothing to close
        }
    }

    private static Map<String, String> commonProps(String bootstrap, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + port);
        return props;
    }

    private void writeProperties(Map<String, String> props) throws IOException {
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("worker.properties"), text);
    }

    /** This worker's id as status entries show it. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    void launch(Path... connectorFiles) throws IOException {
        Path dist = home != null ? home : distDir();
        List<String> options = new ArrayList<>();
        if (home == null) {
            options.addAll(classDataOptions(bootstrap));
        }
        options.addAll(jvmOptions);
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC",
                QUICK_JIT));
        cmd.addAll(options);
        cmd.addAll(List.of("-Dferry.home=" + dist, "-cp", dist.resolve("lib") + "/*", "dev.ferry.cli.Main", mode,
                dir.resolve("worker.properties").toString()));
        for (Path f : connectorFiles) {
            cmd.add(f.toString());
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitUntil(Duration.ofSeconds(60), "worker REST on port " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("worker exited with " + process.exitValue() + "; log:\n" + logText());
            }
            int status = get("/").statusCode();
            return status == 200 || status == 401; // 401: up, behind an authenticating REST extension
        });
    }

    /**
     * The JVM options that map the run's class-data archive into a process running the built distribution's
     * jars (a worker, a registry), recorded first if need be by a standalone worker on {@code bootstrap}.
     */
    static List<String> classDataOptions(String bootstrap) {
        return CLASS_DATA.jvmOptions(jvmOption -> recordClassData(jvmOption, bootstrap));
    }

    /** Runs a standalone worker on {@code bootstrap} with {@code jvmOption} until it answers REST, then stops it. */
    private static void recordClassData(String jvmOption, String bootstrap) throws Exception {
        Path recordingDir = Files.createTempDirectory("ferry-class-data-");
        WorkerProcess recorder = new WorkerProcess(recordingDir, freePort(), "standalone", bootstrap);
        recorder.jvmOptions = List.of(jvmOption);
        Map<String, String> props = commonProps(bootstrap, recorder.port);
        props.put("offset.storage.file.filename", recordingDir.resolve("connect.offsets").toString());
        recorder.writeProperties(props);
        try {
            recorder.launch();
            recorder.stop();
        } finally {
            recorder.close();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not stop within 60 s of SIGTERM; log:\n" + logText());
        }
        return process.exitValue();
    }

    HttpResponse<String> get(String path) {
        return rest.get(path);
    }

    HttpResponse<String> post(String path, String body) {
        return rest.post(path, body);
    }

    HttpResponse<String> put(String path, String body) {
        return rest.put(path, body);
    }

    HttpResponse<String> patch(String path, String body) {
        return rest.patch(path, body);
    }

    HttpResponse<String> delete(String path) {
        return rest.delete(path);
    }

    JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " returned non-JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** Waits until the connector and all its (at least {@code minTasks}) tasks report {@code state}. */
    JsonNode awaitState(String connector, String state, int minTasks, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        awaitUntil(timeout, connector + " " + state, () -> {
            HttpResponse<String> r = get("/connectors/" + connector + "/status");
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode status = JSON.readTree(r.body());
            last[0] = status;
            if (!state.equals(status.path("connector").path("state").asText())) {
                return false;
            }
            JsonNode tasks = status.path("tasks");
            if (tasks.size() < minTasks) {
                return false;
            }
            for (JsonNode t : tasks) {
                if (!state.equals(t.path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }

    /** Like {@link #awaitUntil}, but a timeout message ends with the tail of this worker's log. */
    void await(Duration timeout, String what, Check check) {
        try {
            awaitUntil(timeout, what, check);
        } catch (AssertionError e) {
            String log = logText();
            throw new AssertionError(e.getMessage() + "\n--- worker log (tail) ---\n"
                    + log.substring(Math.max(0, log.length() - 6000)), e);
        }
    }

    String logText() {
        return logText(log);
    }

    /** A process's log file as text, or what kept it from being read, for assertion messages. */
    static String logText(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static Path distDir() {
        String dir = System.getProperty("ferry.dist.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "lib"))) {
            throw new IllegalStateException("The distribution is not built (ferry.dist.dir=" + dir
                    + "); run the tests through Maven: ./mvnw verify");
        }
        return Path.of(dir);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A condition that may throw while the system is not ready yet. */
    interface Check {
        boolean test() throws Exception;
    }

    static void awaitUntil(Duration timeout, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.test()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what
                + (lastError == null ? "" : "; last error: " + lastError));
    }
}

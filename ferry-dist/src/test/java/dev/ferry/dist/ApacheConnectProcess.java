package dev.ferry.dist;

import java.io.IOException;
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
 * A real Apache Kafka Connect 4.3.1 distributed worker in a process of its own: the oracle that
 * Ferry's internal topic formats and REST answers are checked against. Its jars come from the test-only
 * {@code apache-connect-oracle} module, whose directory the build passes in the system property
 * {@value #LIB_PROPERTY}; it runs as {@code java -cp <lib>/* ConnectDistributed worker.properties}
 * (or {@code ConnectStandalone}, see {@link #startStandalone}) with a log4j2 configuration that
 * writes {@code apache-connect.log} in the worker's directory.
 */
final class ApacheConnectProcess implements AutoCloseable {
    /** How long {@link #stop} waits for Apache's worker to end after SIGTERM. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);

    static final String LIB_PROPERTY = "apache.connect.lib";
    private static final ClassDataArchive CLASS_DATA = new ClassDataArchive("apache-worker");

    final Path dir;
    final int port;
    final ConnectRest rest;
    private final Path log;
    private final String bootstrap;
    private Process process;

    private ApacheConnectProcess(Path dir, int port, String bootstrap) {
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.port = port;
        this.rest = new ConnectRest(port);
        this.log = dir.resolve("apache-connect.log");
    }

    /**
     * Starts a worker of the Apache cluster {@code groupId}, whose internal topics are named after
     * the group exactly as {@link WorkerProcess#startDistributed} names Ferry's, and returns once
     * it reports healthy (joined its group and read its config topic).
     */
    static ApacheConnectProcess startDistributed(Path dir, String bootstrap, String groupId, Map<String, String> extra)
            throws IOException {
        Files.createDirectories(dir);
        ApacheConnectProcess worker = new ApacheConnectProcess(dir, WorkerProcess.freePort(), bootstrap);
        Map<String, String> props = commonProps(bootstrap, worker.port);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.putAll(extra);
        worker.writeConfig(props);
        worker.launch("org.apache.kafka.connect.cli.ConnectDistributed", List.of());
        return worker;
    }

    /**
     * Starts a standalone Apache worker ({@code ConnectStandalone worker.properties}) whose source
     * offsets go to {@code connect.offsets} in {@code dir}, as {@link WorkerProcess#start} lays out
     * Ferry's, and returns once it reports healthy.
     */
    static ApacheConnectProcess startStandalone(Path dir, String bootstrap, Map<String, String> extra)
            throws IOException {
        Files.createDirectories(dir);
        ApacheConnectProcess worker = new ApacheConnectProcess(dir, WorkerProcess.freePort(), bootstrap);
        Map<String, String> props = commonProps(bootstrap, worker.port);
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.putAll(extra);
        worker.writeConfig(props);
        worker.launch("org.apache.kafka.connect.cli.ConnectStandalone", List.of());
        return worker;
    }

    private static Map<String, String> commonProps(String bootstrap, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + port);
        // connect-file and connect-transforms are on the classpath, and they declare their plugins
        // in META-INF/services: loading them from there skips a classpath scan that costs ~5 s.
        props.put("plugin.discovery", "service_load");
        return props;
    }

    /** This worker's id as status records show it. */
    String workerId() {
        return "127.0.0.1:" + port;
    }

    private void writeConfig(Map<String, String> props) throws IOException {
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("worker.properties"), text);
        // log4j2's own shutdown hook would stop logging while Apache's hook still logs how it stops.
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "shutdownHook = disable",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + log,
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                ""));
    }

    private void launch(String mainClass, List<String> jvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC"));
        cmd.addAll(CLASS_DATA.jvmOptions(this::recordClassData));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", libDir() + "/*", mainClass,
                dir.resolve("worker.properties").toString()));
        // Anything printed before log4j2 is configured (or by the JVM itself) lands next to the log.
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("apache-connect.out").toFile())).start();
        await(Duration.ofSeconds(90), "Apache worker healthy on port " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the Apache worker exited with " + process.exitValue() + "; log:\n" + logTail());
            }
            return rest.get("/health").statusCode() == 200;
        });
    }

    /** Runs a standalone Apache worker on this worker's broker with {@code jvmOption} until healthy, then stops it. */
    private void recordClassData(String jvmOption) throws Exception {
        Path recordingDir = Files.createTempDirectory("apache-class-data-");
        ApacheConnectProcess recorder = new ApacheConnectProcess(recordingDir, WorkerProcess.freePort(), bootstrap);
        Map<String, String> props = commonProps(bootstrap, recorder.port);
        props.put("offset.storage.file.filename", recordingDir.resolve("connect.offsets").toString());
        recorder.writeConfig(props);
        try {
            recorder.launch("org.apache.kafka.connect.cli.ConnectStandalone", List.of(jvmOption));
            recorder.stop();
        } finally {
            recorder.close();
        }
    }

    /**
     * SIGTERM, then waits for Apache's clean shutdown (it commits offsets and leaves the group). Apache's stop is
     * usually seconds, but on a loaded two-core CI machine it once took over 60 s and once had not ended (nor logged a
     * line) after 180 s. How Apache stops is not what a test here checks, so a stop that has not ended after
     * {@link #STOP_WAIT} is given up: the worker's threads are saved next to its log (for whoever looks into Apache's
     * hang) and it is killed, which the tests handle as a crash of Apache's worker (they read where it left off from
     * the topics).
     */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            Path threads = saveThreadDump();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            System.err.printf("The Apache worker did not stop within %d s of SIGTERM and was killed; its threads "
                    + "are in %s, its log in %s%n", STOP_WAIT.toSeconds(), threads, log);
        }
    }

    private Path saveThreadDump() {
        Path threads = dir.resolve("apache-threads.txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(threads.toFile()).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
        } catch (IOException e) {
            return Path.of("(no thread dump: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return threads;
    }

    /** SIGKILL: Apache's worker dies with whatever it had in flight, open transactions included. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Like {@link WorkerProcess#awaitUntil}, but a timeout message ends with the tail of Apache's log. */
    void await(Duration timeout, String what, WorkerProcess.Check check) {
        try {
            WorkerProcess.awaitUntil(timeout, what, check);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- Apache worker log (tail) ---\n" + logTail(), e);
        }
    }

    String logTail() {
        try {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log yet)";
            Path out = dir.resolve("apache-connect.out");
            if (Files.exists(out) && Files.size(out) > 0) {
                text += "\n--- stdout/stderr ---\n" + Files.readString(out, StandardCharsets.UTF_8);
            }
            return text.substring(Math.max(0, text.length() - 8000));
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

    private static Path libDir() {
        String dir = System.getProperty(LIB_PROPERTY);
        if (dir == null || !Files.isDirectory(Path.of(dir)) || !hasConnectRuntime(Path.of(dir))) {
            throw new IllegalStateException("Apache Connect's jars are not there (" + LIB_PROPERTY + "=" + dir
                    + "); build the test-only module first: ./mvnw -pl apache-connect-oracle install"
                    + " (a full ./mvnw verify does it)");
        }
        return Path.of(dir);
    }

    private static boolean hasConnectRuntime(Path lib) {
        try (var files = Files.list(lib)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("connect-runtime-"));
        } catch (IOException e) {
            return false;
        }
    }
}

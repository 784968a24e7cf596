package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the image bakes at build time ({@code deploy/docker/record-class-data.sh}, the run
 * stage's {@code RUN} step), on a copy of the distribution laid out as the Dockerfile lays out {@code /opt/ferry}
 * (its {@code .cds} folder owned by uid 1000, group 0, group-writable): the script, run as uid 1000 as the
 * Dockerfile runs it, leaves one archive readable by everyone; {@code bin/ferry} maps it ({@code -Xshare:on}) for
 * uid 1000 and for an arbitrary uid in group 0 and does not record again; a distributed worker started through the
 * image's entrypoint against a real broker loads most of its classes from it. The start-up time with and without
 * it (today's first start of a container, which records) is measured and printed, not asserted: once each in CI,
 * the median of {@code -Dferry.startup.runs=3} (or more) when the figures are wanted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithKafka
class ImageClassDataIT {
    static final Path SCRIPT = DeployChecks.REPO.resolve("deploy/docker/record-class-data.sh");
    /** The image's user, and a uid an OpenShift-style platform might pick (always in group 0). */
    private static final String APP_UID = "1000";
    private static final String ARBITRARY_UID = "1000650000";
    /** Start-ups measured per variant; the figures are printed, never asserted, so CI measures each once. */
    private static final int RUNS = Integer.getInteger("ferry.startup.runs", 1);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    static Path temp;
    private Path home;
    private Path cds;
    private Path pluginDirs;

    @BeforeAll
    void layOutTheDistributionAsTheImageDoes() throws Exception {
        // Other uids must reach the copy: @TempDir is private to its owner.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = temp.resolve("opt/ferry");
        Path dist = WorkerProcess.distDir();
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path source : files.toList()) {
                Path relative = dist.relativize(source);
                if (!relative.startsWith(".cds")) {
                    Files.createDirectories(home.resolve(relative.toString()).getParent());
                    Files.copy(source, home.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.setPosixFilePermissions(temp.resolve("opt"), PosixFilePermissions.fromString("rwxr-xr-x"));
        cds = Files.createDirectories(home.resolve(".cds"));
        // The image's empty plugin folders (CONNECT_PLUGIN_PATH) and the home of its user.
        pluginDirs = Files.createDirectories(temp.resolve("usr/share"));
        Files.createDirectories(pluginDirs.resolve("java"));
        Files.createDirectories(pluginDirs.resolve("confluent-hub-components"));
        Files.createDirectories(temp.resolve("home/appuser"));
        // As the Dockerfile: chown -R "${APP_UID}:0" /opt/ferry/.cds; chmod -R g+w /opt/ferry/.cds
        if (ROOT) {
            DeployChecks.run(temp, 30, "chown", "-R", APP_UID + ":0", cds.toString(), temp.resolve("home").toString());
        }
        DeployChecks.run(temp, 30, "chmod", "-R", "g+w", cds.toString());
    }

    @Test
    @Order(1)
    void theScriptRunAsTheImagesUser_leavesOneArchiveEveryoneCanRead() throws Exception {
        Path out = temp.resolve("record.log");
        List<String> command = asUser(APP_UID, "dash", SCRIPT.toString());
        Map<String, String> env = imageEnv();
        env.put("FERRY_RECORD_PORT", Integer.toString(WorkerProcess.freePort()));
        long started = System.nanoTime();
        Process process = start(command, env, out);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the script finished within 240 s").isTrue();
        String output = WorkerProcess.logText(out);
        System.out.printf("record-class-data.sh took %d ms:%n%s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), output);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ferry dev's embedded Kafka", "a distributed worker", "joined its group", "archive " + cds);
        List<Path> files = cdsFiles();
        assertThat(files).as("only the archive, no recording or mark left").singleElement()
                .satisfies(archive -> assertThat(archive.getFileName().toString()).matches("ferry-[0-9]+\\.jsa"));
        Path archive = files.get(0);
        assertThat(Files.size(archive)).as("the classes of a worker's start").isGreaterThan(5_000_000L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("r--r--r--");
    }

    @Test
    @Order(2)
    void binFerryMapsTheBakedArchive_forUid1000_andAnArbitraryUidInGroupZero_withoutRecordingAgain() throws Exception {
        Path archive = onlyArchive();
        long modified = Files.getLastModifiedTime(archive).toMillis();
        for (String uid : List.of(APP_UID, ARBITRARY_UID)) {
            Map<String, String> env = imageEnv();
            env.put("FERRY_OPTS", "-Xshare:on -Xlog:cds=info");
            Path out = temp.resolve("version-" + uid + ".log");
            Process process = start(asUser(uid, home.resolve("bin/ferry").toString(), "--version"), env, out);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = WorkerProcess.logText(out);

            assertThat(process.exitValue()).as("uid %s: -Xshare:on fails when the archive cannot be mapped:%n%s",
                    uid, output).isZero();
            assertThat(output).as("uid %s", uid).contains("Opened archive " + archive)
                    .contains("Kafka Connect API");
        }
        assertThat(cdsFiles()).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isEqualTo(modified);
    }

    @Test
    @Order(3)
    void aDistributedWorkerThroughTheEntrypoint_loadsMostOfItsClassesFromTheArchive(KafkaBroker broker)
            throws Exception {
        Path classLog = temp.resolve("home/appuser/classes.log"); // written by the worker, uid 1000
        Map<String, String> env = workerEnv(broker);
        env.put("FERRY_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classLog);

        Path atReady = temp.resolve("classes-at-ready.log");
        Timing timing = startAndStop(env, "coverage", () -> Files.copy(classLog, atReady));

        List<String> loaded = Files.readAllLines(atReady, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" source: ")).toList();
        long fromArchive = loaded.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
        long fromJdkArchive = loaded.stream().filter(l -> l.contains("source: shared objects file")).count() - fromArchive;
        long elsewhere = loaded.size() - fromArchive - fromJdkArchive;
        double share = (double) fromArchive / (fromArchive + elsewhere);
        System.out.printf("distributed worker up to /health/ready (%s): %d classes from the baked archive, %d from the "
                + "JDK's, %d loaded or generated otherwise (%.0f %% of the non-JDK classes from the archive)%n",
                timing, fromArchive, fromJdkArchive, elsewhere, share * 100);
        System.out.println("not from an archive, by package: " + loaded.stream()
                .filter(l -> !l.contains("source: shared objects file")).map(l -> l.replaceAll(".*\\] ([^ ]+) source.*", "$1"))
                .map(c -> c.contains(".") ? c.substring(0, c.lastIndexOf('.')) : c)
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting())));

        // The standalone recording covers the start-up path distributed mode shares; what is left is distributed
        // mode's group protocol, lambda forms and proxies generated at run time.
        assertThat(share).as("share of the worker's classes mapped from the archive").isGreaterThan(0.9);
        assertThat(cdsFiles()).containsExactly(onlyArchive());
    }

    @Test
    @Order(4)
    void startUpWithTheBakedArchive_versusAContainersFirstStartToday_isMeasured(KafkaBroker broker) throws Exception {
        Path archive = onlyArchive();
        Path aside = temp.resolve(archive.getFileName() + ".aside");
        startAndStop(workerEnv(broker), "warm-up"); // creates the internal topics, reads the jars into the page cache
        List<Timing> baked = new ArrayList<>();
        List<Timing> firstStart = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            // Without the archive: bin/ferry records one, as every container's first start does today.
            Files.move(archive, aside);
            firstStart.add(startAndStop(workerEnv(broker), "first start " + i));
            try (Stream<Path> recorded = Files.list(cds)) {
                for (Path file : recorded.toList()) {
                    Files.delete(file);
                }
            }
            Files.move(aside, archive);
            Map<String, String> env = workerEnv(broker);
            env.put("FERRY_OPTS", "-Xshare:on");
            baked.add(startAndStop(env, "baked " + i));
        }
        long restWith = median(baked, Timing::restMs);
        long restWithout = median(firstStart, Timing::restMs);
        long readyWith = median(baked, Timing::readyMs);
        long readyWithout = median(firstStart, Timing::readyMs);
        System.out.printf("start-up through the entrypoint, distributed, uid %s, median of %d (runs: baked %s; first "
                        + "start %s):%n  to REST (GET / 200):          %d ms with the baked archive, %d ms without "
                        + "(ratio %.2f)%n  to /health/ready 200 (joined): %d ms with, %d ms without (ratio %.2f)%n",
                ROOT ? APP_UID : System.getProperty("user.name"), RUNS, baked, firstStart, restWith, restWithout,
                (double) restWith / restWithout, readyWith, readyWithout, (double) readyWith / readyWithout);
        assertThat(cdsFiles()).containsExactly(archive);
    }

    /** Starts a distributed worker through the entrypoint, times it to REST and readiness, and stops it (SIGTERM). */
    private Timing startAndStop(Map<String, String> env, String name) throws Exception {
        return startAndStop(env, name, () -> { });
    }

    /** A step taken while the worker runs, once it is ready. */
    private interface WhileReady {
        void run() throws Exception;
    }

    private Timing startAndStop(Map<String, String> env, String name, WhileReady whileReady) throws Exception {
        Path log = temp.resolve("worker-" + name.replace(' ', '-') + ".log");
        int port = Integer.parseInt(env.get("CONNECT_REST_PORT"));
        long started = System.nanoTime();
        Process worker = start(asUser(APP_UID, "dash", Entrypoint.SCRIPT.toString(), "distributed"), env, log);
        try {
            long rest = awaitOk(worker, port, "/", started, log);
            long ready = awaitOk(worker, port, "/health/ready", started, log);
            whileReady.run();
            return new Timing(rest, ready);
        } finally {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
                throw new AssertionError("the worker did not stop within 60 s of SIGTERM:\n" + WorkerProcess.logText(log));
            }
        }
    }

    private static long awaitOk(Process worker, int port, String path, long started, Path log) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = started + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited with " + worker.exitValue() + ":\n" + WorkerProcess.logText(log));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no 200 from " + path + " within 90 s:\n" + WorkerProcess.logText(log));
    }

    /** What the image's ENV gives every process, with this copy's paths. */
    private Map<String, String> imageEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("FERRY_HOME", home.toString());
        env.put("HOME", temp.resolve("home/appuser").toString());
        env.put("CONNECT_PLUGIN_PATH", pluginDirs.resolve("java") + "," + pluginDirs.resolve("confluent-hub-components"));
        env.put("FERRY_JARS_DIR", temp.resolve("etc/kafka-connect/jars").toString());
        return env;
    }

    private Map<String, String> workerEnv(KafkaBroker broker) throws IOException {
        Map<String, String> env = imageEnv();
        env.putAll(Entrypoint.requiredWorkerEnv());
        env.put("CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("CONNECT_GROUP_ID", "image-class-data-it");
        env.put("CONNECT_CONFIG_STORAGE_TOPIC", "image-class-data-configs");
        env.put("CONNECT_OFFSET_STORAGE_TOPIC", "image-class-data-offsets");
        env.put("CONNECT_STATUS_STORAGE_TOPIC", "image-class-data-status");
        for (String topic : List.of("CONFIG", "OFFSET", "STATUS")) {
            env.put("CONNECT_" + topic + "_STORAGE_REPLICATION_FACTOR", "1");
        }
        env.put("CONNECT_REST_ADVERTISED_HOST_NAME", "127.0.0.1");
        env.put("CONNECT_REST_PORT", Integer.toString(WorkerProcess.freePort()));
        return env;
    }

    /** The command run as {@code uid} in group 0, as the image runs it (when the test runs as root). */
    private static List<String> asUser(String uid, String... command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=0", "--clear-groups"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private Process start(List<String> command, Map<String, String> env, Path out) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private List<Path> cdsFiles() throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.sorted().toList();
        }
    }

    private Path onlyArchive() throws IOException {
        List<Path> files = cdsFiles();
        assertThat(files).as("the baked archive (test 1)").hasSize(1);
        return files.get(0);
    }

    private static long median(List<Timing> timings, java.util.function.ToLongFunction<Timing> value) {
        return timings.stream().mapToLong(value).sorted().skip(timings.size() / 2).findFirst().orElseThrow();
    }

    private record Timing(long restMs, long readyMs) {
        @Override
        public String toString() {
            return restMs + "/" + readyMs + " ms";
        }
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher, {@code bin/ferry}, run from a copy of the distribution in a
 * directory of its own, as a user who copied or unpacked it elsewhere runs it: help, a standalone
 * worker configured from {@code CONNECT_*} variables alone, {@code CONNECT_REST_PORT} winning over
 * the shipped example file's {@code listeners}, {@code CLASSPATH} jars on the class path, a distributed worker from the environment alone
 * (printed by {@code --print-config}, then joining its group), and the class-data-sharing archive, which only a
 * worker that reached REST leaves behind (not a {@code --help} run, not a failed start). The
 * methods run in order on one copy: the archive's story builds on the runs before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithKafka
class LauncherIT {
    @TempDir
    static Path temp;
    static Path home;

    @BeforeAll
    static void copyTheDistribution() throws IOException {
        Path dist = WorkerProcess.distDir();
        home = temp.resolve("somewhere else/ferry");
        Files.createDirectories(home.getParent());
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path source : files.toList()) {
                Path relative = dist.relativize(source);
                if (relative.startsWith(".cds")) {
                    continue;
                }
                Files.copy(source, home.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Test
    @Order(1)
    void help_describesTheLaunchersEnvironment_andRecordsNoArchive() throws Exception {
        Run help = run(Map.of(), "standalone", "--help");
        Run mainHelp = run(Map.of(), "--help");

        assertThat(help.exitCode).as(help.output).isZero();
        assertThat(help.output).startsWith("Usage: ferry standalone");
        assertThat(mainHelp.output).contains("FERRY_HOME", "FERRY_OPTS", "FERRY_HEAP_OPTS", "KAFKA_OPTS", "CLASSPATH");
        run(Map.of(), "--version");
        assertThat(archives()).isEmpty();
    }

    @Test
    @Order(2)
    void aFailedStart_recordsNoArchive() throws Exception {
        Run failed = run(Map.of("CONNECT_BOOTSTRAP_SERVERS", "localhost:9092",
                "CONNECT_OFFSET_STORAGE_FILE_FILENAME", temp.resolve("failed.offsets").toString()), "standalone");

        assertThat(failed.exitCode).as(failed.output).isEqualTo(2);
        assertThat(failed.output).contains("Missing required configuration \"key.converter\"")
                .contains("set CONNECT_KEY_CONVERTER in the environment");
        run(Map.of(), "--version"); // the run that would take a finished recording into use
        assertThat(archives()).isEmpty();
    }

    @Test
    @Order(3)
    void aStandaloneWorkerFromTheEnvironmentAlone_answersRest_andLeavesTheArchiveLaterStartsMap() throws Exception {
        int port = WorkerProcess.freePort();
        Path log = temp.resolve("env-only.log");
        Process worker = start(log, Map.of("CONNECT_BOOTSTRAP_SERVERS", "localhost:9092",
                "CONNECT_REST_PORT", Integer.toString(port),
                "CONNECT_OFFSET_STORAGE_FILE_FILENAME", temp.resolve("env.offsets").toString(),
                "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter",
                "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
                "CONNECT_LOG4J_ROOT_LOGLEVEL", "INFO"), "standalone");
        try {
            awaitRest(worker, port, log);
            assertThat(new ConnectRest(port).get("/connector-plugins").body()).contains("FileStreamSource");
        } finally {
            stop(worker, log);
        }
        assertThat(WorkerProcess.logText(log)).contains("CONNECT_LOG4J_ROOT_LOGLEVEL is ignored: CONNECT_LOG4J_* "
                + "configure the cp image's logging, not the worker");

        Run version = run(Map.of("FERRY_OPTS", "-Xshare:on"), "--version");

        assertThat(archives()).hasSize(1).allSatisfy(archive -> assertThat(archive.getFileName().toString())
                .matches("ferry-[0-9]+\\.jsa"));
        assertThat(version.exitCode).as("the JVM maps the recorded archive (-Xshare:on fails if it cannot): "
                + version.output).isZero();
    }

    @Test
    @Order(4)
    void restPortVariable_winsOverTheListenersOfTheShippedExampleFile_andClasspathJarsAreOnTheClassPath()
            throws Exception {
        int port = WorkerProcess.freePort();
        Path log = temp.resolve("example-file.log");
        // Debezium's connector jars as a cp-image user drops them into /etc/kafka-connect/jars
        String jars = Path.of(System.getProperty("debezium.plugin.path"), "debezium-connector-postgres") + "/*";
        Process worker = start(log, Map.of("CONNECT_REST_PORT", Integer.toString(port),
                "CONNECT_OFFSET_STORAGE_FILE_FILENAME", temp.resolve("file.offsets").toString(), "CLASSPATH", jars),
                "standalone", home.resolve("examples/standalone/worker.properties").toString());
        try {
            awaitRest(worker, port, log);
            assertThat(new ConnectRest(port).get("/connector-plugins").body())
                    .contains("io.debezium.connector.postgresql.PostgresConnector");
        } finally {
            stop(worker, log);
        }
        assertThat(WorkerProcess.logText(log)).contains("CONNECT_REST_PORT overrides listeners from "
                + home.resolve("examples/standalone/worker.properties") + ": listeners=http://:" + port
                + " instead of http://:8083.");
    }

    @Test
    @Order(5)
    void aDistributedWorkerFromTheEnvironmentAlone_printsItsConfig_andJoinsItsGroup(KafkaBroker broker)
            throws Exception {
        int port = WorkerProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "CONNECT_REST_PORT", Integer.toString(port), "CONNECT_GROUP_ID", "launcher-it",
                "CONNECT_CONFIG_STORAGE_TOPIC", "launcher-it-configs",
                "CONNECT_OFFSET_STORAGE_TOPIC", "launcher-it-offsets",
                "CONNECT_STATUS_STORAGE_TOPIC", "launcher-it-status",
                "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter",
                "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter"));
        for (String topic : List.of("CONFIG", "OFFSET", "STATUS")) {
            env.put("CONNECT_" + topic + "_STORAGE_REPLICATION_FACTOR", "1");
        }

        Run printed = run(env, "distributed", "--print-config");

        assertThat(printed.exitCode).as(printed.output).isZero();
        assertThat(printed.output).contains("bootstrap.servers=" + broker.bootstrapServers() + "\n",
                "group.id=launcher-it\n", "listeners=http://:" + port + "\n",
                "status.storage.topic=launcher-it-status\n");
        Path log = temp.resolve("distributed.log");
        Process worker = start(log, env, "distributed");
        try {
            awaitRest(worker, port, log);
            ConnectRest rest = new ConnectRest(port);
            WorkerProcess.awaitUntil(Duration.ofSeconds(60), "the worker to join group launcher-it",
                    () -> rest.get("/connectors").statusCode() == 200);
            assertThat(rest.get("/connectors").body()).isEqualTo("[]");
        } finally {
            stop(worker, log);
        }
    }

    @Test
    @Order(6)
    void anArchiveInAReadOnlyClassDataFolder_isStillMapped() throws Exception {
        assertThat(archives()).as("the archive an earlier worker start left").hasSize(1);
        Path cds = home.resolve(".cds");
        Files.setPosixFilePermissions(cds, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // root writes anywhere; without these capabilities the folder is read-only to it too
                command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
            }
            command.addAll(List.of(home.resolve("bin/ferry").toString(), "--version"));
            ProcessBuilder builder = builder(Map.of("FERRY_OPTS", "-Xshare:on -Xlog:class+load=info"));
            builder.command(command);
            Path log = Files.createTempFile(temp, "read-only-", ".log");
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = WorkerProcess.logText(log);

            assertThat(process.exitValue()).as(output).isZero();
            // "(top)" is the dynamic archive layer, i.e. Ferry's archive. (The JDK serves only boot classes from
            // it here: it matches no application class to an archived jar whose path has a space, as this copy's.)
            assertThat(output).as("the archive is mapped although .cds cannot be written")
                    .contains("source: shared objects file (top)");
        } finally {
            Files.setPosixFilePermissions(cds, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private List<Path> archives() throws IOException {
        Path cds = home.resolve(".cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.toList();
        }
    }

    private Process start(Path log, Map<String, String> env, String... args) throws IOException {
        return builder(env, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(temp, "run-", ".log");
        Process process = start(log, env, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/ferry " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), WorkerProcess.logText(log));
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/ferry").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECT_") || name.startsWith("FERRY_")
                || name.equals("KAFKA_OPTS") || name.equals("CLASSPATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder;
    }

    private static void awaitRest(Process worker, int port, Path log) {
        ConnectRest rest = new ConnectRest(port);
        WorkerProcess.awaitUntil(Duration.ofSeconds(60), "the worker's REST API on port " + port, () -> {
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited with " + worker.exitValue() + ":\n"
                        + WorkerProcess.logText(log));
            }
            return rest.get("/").statusCode() == 200;
        });
    }

    private static void stop(Process worker, Path log) throws InterruptedException {
        worker.destroy();
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
            worker.destroyForcibly();
            throw new AssertionError("the worker did not stop within 60 s of SIGTERM:\n" + WorkerProcess.logText(log));
        }
    }

    private record Run(int exitCode, String output) {
    }
}

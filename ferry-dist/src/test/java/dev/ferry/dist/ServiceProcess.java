package dev.ferry.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service of the compose stack run the way its container runs it: the image's entrypoint
 * ({@code deploy/docker/entrypoint.sh}, by dash, as the image's {@code /bin/sh} would) with the service's
 * environment and command, on the built distribution as {@code FERRY_HOME} (the image's {@code /opt/ferry}).
 * Variables of the test JVM's own environment that the entrypoint or Ferry read ({@code CONNECT_*},
 * {@code SCHEMA_REGISTRY_*}, {@code KAFKA_*}, {@code FERRY_*}) are removed first, so only the service's count.
 */
final class ServiceProcess implements AutoCloseable {
    private static final List<String> CONTAINER_ONLY_PREFIXES = List.of("CONNECT_", "SCHEMA_REGISTRY_", "KAFKA_",
            "FERRY_");

    final String service;
    private final Path log;
    private final Process process;

    private ServiceProcess(String service, Path log, Process process) {
        this.service = service;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String service, Path dir, Map<String, String> environment, List<String> command)
            throws IOException {
        Files.createDirectories(dir);
        Path entrypoint = ComposeModel.repository().resolve("deploy/docker/entrypoint.sh");
        List<String> cmd = new ArrayList<>(List.of("dash", entrypoint.toString()));
        cmd.addAll(command);
        Path log = dir.resolve(service + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> CONTAINER_ONLY_PREFIXES.stream().anyMatch(name::startsWith));
        env.put("FERRY_HOME", WorkerProcess.distDir().toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // no class-data archive recorded into the shared distribution by this test's JVMs
        env.put("FERRY_CDS", "off");
        env.put("FERRY_JARS_DIR", Files.createDirectories(dir.resolve("etc/kafka-connect/jars")).toString());
        env.putAll(environment);
        return new ServiceProcess(service, log, builder.start());
    }

    /** Waits for {@code check}; fails at once, with the log, if the process exits. */
    void await(Duration timeout, String what, WorkerProcess.Check check) {
        try {
            WorkerProcess.awaitUntil(timeout, what, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(service + " exited with " + process.exitValue());
                }
                return check.test();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- " + service + " log (tail) ---\n" + logTail(), e);
        }
    }

    String logTail() {
        String text = WorkerProcess.logText(log);
        return text.substring(Math.max(0, text.length() - 6000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}

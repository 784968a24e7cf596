package dev.ferry.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The image's entrypoint ({@code deploy/docker/entrypoint.sh}) run with {@code dash}, as a container's
 * {@code /bin/sh} would run it, in an environment holding only what a test gives it (plus {@code PATH} and
 * {@code JAVA_HOME}, which the image has).
 */
final class Entrypoint {
    static final Path SCRIPT = DeployChecks.REPO.resolve("deploy/docker/entrypoint.sh");
    static final Path HEALTHCHECK = DeployChecks.REPO.resolve("deploy/docker/healthcheck.sh");

    /** What a run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        /** The lines of standard output as {@code key=value} pairs (what {@code --print-config} prints). */
        Map<String, String> properties() {
            Map<String, String> props = new TreeMap<>();
            stdout.lines().filter(l -> l.contains("=") && !l.startsWith("#")).forEach(l -> {
                int eq = l.indexOf('=');
                props.put(l.substring(0, eq), l.substring(eq + 1));
            });
            return props;
        }
    }

    private Entrypoint() {
    }

    /** The environment every worker needs: the cp image's required variables. */
    static Map<String, String> requiredWorkerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092");
        env.put("CONNECT_GROUP_ID", "connect-cluster");
        env.put("CONNECT_CONFIG_STORAGE_TOPIC", "connect-configs");
        env.put("CONNECT_OFFSET_STORAGE_TOPIC", "connect-offsets");
        env.put("CONNECT_STATUS_STORAGE_TOPIC", "connect-status");
        env.put("CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter");
        env.put("CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter");
        env.put("CONNECT_REST_ADVERTISED_HOST_NAME", "worker-1");
        return env;
    }

    /** Runs {@code script} with {@code dash} in exactly {@code env} (plus PATH and JAVA_HOME). */
    static Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.putAll(env);
        Path out = Files.createTempFile("entrypoint-out", ".txt");
        Path err = Files.createTempFile("entrypoint-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * A Ferry installation whose {@code bin/ferry} only records how the entrypoint called it (its arguments and the
     * environment it was given, one {@code NAME=value} per line after an {@code ARGS:} line): the seam between the
     * entrypoint and the launcher, for what {@code --print-config} cannot show (JVM options, class path).
     */
    static Path recordingHome(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ferry = bin.resolve("ferry");
        Files.writeString(ferry, "#!/bin/sh\nprintf 'ARGS:'; printf ' %s' \"$@\"; printf '\\n'\nenv | sort\n");
        ferry.toFile().setExecutable(true);
        return dir;
    }
}

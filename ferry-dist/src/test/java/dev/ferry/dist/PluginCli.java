package dev.ferry.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the distribution's {@code bin/ferry plugin ...} or {@code bin/confluent-hub ...} as a user does, and keeps
 * what it printed; also snapshots a plugin directory (every path with its size and modification time) so tests can
 * show that a failed command left it as it was.
 */
final class PluginCli {

    /** The outcome of one command. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    private PluginCli() {
    }

    /** {@code bin/ferry plugin ARGS} with the test's environment plus {@code env}. */
    static Result ferry(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(WorkerProcess.distDir().resolve("bin/ferry").toString());
        command.add("plugin");
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** {@code sh bin/confluent-hub ARGS} (dash where installed: the script is POSIX sh). */
    static Result confluentHub(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Files.isExecutable(Path.of("/bin/dash")) ? "/bin/dash" : "/bin/sh");
        command.add(WorkerProcess.distDir().resolve("bin/confluent-hub").toString());
        command.addAll(List.of(args));
        return run(command, env);
    }

    /** Runs {@code command} as is (e.g. behind {@code setpriv} to drop root). */
    static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ferry-plugin-out", ".txt");
        Path err = Files.createTempFile("ferry-plugin-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("FERRY_PLUGIN_DIR");
            builder.environment().remove("FERRY_HUB_URL");
            builder.environment().remove("CONNECT_PLUGIN_PATH");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every path below {@code dir} (hidden ones too) with its size and modification time. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                entries.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + " bytes, " + Files.getLastModifiedTime(p));
            }
        }
        return entries;
    }
}

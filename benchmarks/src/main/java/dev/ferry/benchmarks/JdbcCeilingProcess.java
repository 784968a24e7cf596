package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JdbcCeiling} in a JVM of its own, started with the heap and collector options the {@code ferry}
 * launcher gives a worker ({@code FERRY_HEAP_OPTS}, else its default) so that the ceiling and the worker differ in
 * the code they run, not in their JVM set-up. Its output goes to a log file; {@link #next} starts its next pass and
 * closing it closes the child's stdin, which lets it exit.
 */
final class JdbcCeilingProcess implements AutoCloseable {
    /** The launcher's default heap options (the {@code ferry} script), used when FERRY_HEAP_OPTS is not set. */
    private static final String LAUNCHER_HEAP_OPTS = "-Xms16m -Xmx1g -XX:+UseSerialGC";

    private final Process process;
    private final Path log;

    private JdbcCeilingProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the ceiling with {@code arguments} ({@code key=value}); {@code extraJvmOptions} (a profiler, say) come
     * after the heap options.
     */
    static JdbcCeilingProcess start(Map<String, String> arguments, String password, Path log, String extraJvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String heap = System.getenv().getOrDefault("FERRY_HEAP_OPTS", LAUNCHER_HEAP_OPTS);
        command.addAll(List.of(heap.trim().split("\\s+")));
        command.add("-Xss512k");
        if (!extraJvmOptions.isBlank()) {
            command.addAll(List.of(extraJvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JdbcCeiling.class.getName()));
        arguments.forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put(JdbcCeiling.PASSWORD_ENV, password);
        return new JdbcCeilingProcess(builder.start(), log);
    }

    /** Lets the ceiling close the pass it has finished and start its next one. */
    void next() throws IOException {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the child's log when it has exited: a ceiling exits only after {@link #close()}. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the ceiling process exited with status " + process.exitValue() + "; "
                    + WorkerProcess.logTail(log));
        }
    }

    String logTail() {
        return WorkerProcess.logTail(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

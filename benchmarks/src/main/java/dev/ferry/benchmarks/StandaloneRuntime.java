package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two runtimes the density benchmark compares, each started as its users start a standalone worker: Ferry
 * through its {@code ferry} launcher with the built distribution ({@code FERRY_HOME}, the launcher's JVM options),
 * and Apache Kafka Connect 4.3.1's {@code ConnectStandalone} from the jars of the test-only
 * {@code apache-connect-oracle} module, with the JVM options Apache's {@code connect-standalone.sh} and
 * {@code kafka-run-class.sh} give it by default. Both get the same Apache-format worker.properties.
 */
enum StandaloneRuntime {
    APACHE("Apache 4.3.1"),
    FERRY("Ferry");

    /** KAFKA_HEAP_OPTS of connect-standalone.sh and KAFKA_JVM_PERFORMANCE_OPTS of kafka-run-class.sh. */
    private static final List<String> APACHE_JVM_OPTIONS = List.of("-Xms256M", "-Xmx2G", "-server", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true");

    final String label;

    StandaloneRuntime(String label) {
        this.label = label;
    }

    /** The locations each runtime is started from. */
    record Installs(Path ferryLauncher, Path ferryDist, Path apacheLib) {
    }

    /**
     * Writes worker.properties (plus {@code extra}) into {@code dir} and launches the worker; returns at once.
     */
    MeasuredWorker launch(Installs installs, Path dir, String bootstrap, Map<String, String> extra)
            throws IOException {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "10000");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.putAll(extra);
        if (this == APACHE) {
            // Without it Apache also scans its whole classpath for plugins, ~5 s at start that says nothing here.
            props.put("plugin.discovery", "service_load");
        }
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path workerProperties = Files.writeString(dir.resolve("worker.properties"), text);
        Path log = dir.resolve("worker.log");
        ProcessBuilder builder = new ProcessBuilder(command(installs, dir, workerProperties))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (this == FERRY) {
            builder.environment().put("FERRY_HOME", installs.ferryDist().toString());
        }
        return new MeasuredWorker(this, builder.start(), port, log);
    }

    private List<String> command(Installs installs, Path dir, Path workerProperties) throws IOException {
        if (this == FERRY) {
            return List.of(installs.ferryLauncher().toString(), "standalone", workerProperties.toString());
        }
        Path lib = installs.apacheLib();
        if (!Files.isDirectory(lib)) {
            throw new IOException("Apache Connect's jars are not in " + lib + ". Build them first: "
                    + "./mvnw -pl apache-connect-oracle install (benchmarks/run builds them unless BENCHMARK_SKIP_BUILD is set).");
        }
        Path log4j = Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "appender.console.type = Console", "appender.console.name = console",
                "appender.console.layout.type = PatternLayout", "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO", "rootLogger.appenderRef.console.ref = console", ""));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(APACHE_JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(lib + "/*");
        command.add("org.apache.kafka.connect.cli.ConnectStandalone");
        command.add(workerProperties.toString());
        return command;
    }
}

package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Density and REST load, Ferry side by side with Apache Kafka Connect 4.3.1 in the same run on the same broker
 * (issue 15 item 3): {@code ./benchmarks/run density} (also {@code --only density}). Each runtime's turn is a
 * {@link DensityRun} on a fresh standalone worker; with {@code --runs} above 1 the turns alternate which runtime
 * goes first and the table shows medians. The table gives each figure for both and Ferry's as a ratio to Apache's,
 * with the targets; {@code target/density-results.json} holds every turn. benchmarks/README.md explains
 * the figures.
 */
public final class DensityBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DensityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DensityOptions options;
        try {
            options = DensityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "benchmark-cleanup"));
        PrintStream progress = System.out;
        PipelineBenchmark.deleteRecursively(options.workDir());
        Files.createDirectories(options.workDir());
        QuietPlugin.write(options.pluginPath());
        Map<StandaloneRuntime, List<Map<String, Object>>> turns = new EnumMap<>(StandaloneRuntime.class);
        long began = System.nanoTime();
        progress.printf("Starting the broker (its log: %s)%n", options.workDir().resolve("broker.log"));
        try (BrokerProcess broker = BrokerProcess.start(options.workDir().resolve("broker.log"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            ClusterBenchmark.createTopics(broker.bootstrapServers(),
                    List.of(DensityRun.QUIET_TOPIC, DensityRun.MOVING_TOPIC), 1);
            for (int run = 0; run < options.runs(); run++) {
                List<StandaloneRuntime> order = new ArrayList<>(options.runtimes());
                if (run % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (StandaloneRuntime runtime : order) {
                    progress.printf("%s, turn %d of %d (log: %s)%n", runtime.label, run + 1, options.runs(),
                            options.workDir().resolve(runtime.name().toLowerCase() + "-" + (run + 1)).resolve("worker.log"));
                    Map<String, Object> figures = new DensityRun(options, progress, admin).run(runtime,
                            options.workDir().resolve(runtime.name().toLowerCase() + "-" + (run + 1)),
                            broker.bootstrapServers());
                    turns.computeIfAbsent(runtime, r -> new ArrayList<>()).add(figures);
                }
            }
        }
        DensityTable table = new DensityTable(turns);
        table.print(progress, options);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("options", Map.of("connectors", options.connectors(), "tasksPerConnector", options.tasksPerConnector(),
                "clients", options.clients(), "readSeconds", options.readSeconds(), "loadCreates", options.loadCreates(),
                "moveRate", options.moveRate(), "idleSeconds", options.idleSeconds(), "runs", options.runs()));
        root.put("commit", System.getProperty("ferry.benchmark.commit", "unknown"));
        root.put("seconds", (System.nanoTime() - began) / 1e9);
        root.put("medians", table.medians());
        root.put("ratios", table.ratios());
        Map<String, Object> all = new LinkedHashMap<>();
        turns.forEach((runtime, list) -> all.put(runtime.name().toLowerCase(), list));
        root.put("turns", all);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), JSON.writeValueAsString(root));
        progress.printf("Figures written to %s (%.0f s in all)%n", options.results(), (System.nanoTime() - began) / 1e9);
        System.exit(table.complete() ? 0 : 1);
    }
}

package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What writing Avro through the registry costs a source pipeline: Apache's FileStreamSource moving the N-line file
 * on fresh workers with StringConverter (the pipeline benchmark's baseline), with Confluent's AvroConverter class
 * name (Ferry's converter, a {@code "string"} schema), and with AvroConverter after HoistField made each line a
 * struct (the shape a database row has). Records/s and worker CPU per 1M records, fresh and warm, medians over
 * {@code --transfer-pairs} workers per variant run in rotating order; the registry is its own process, so the
 * worker's CPU figure holds only the converter's side. Run with {@code ./benchmarks/run avro}.
 */
public final class SchemaSourceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The converter set-ups compared; the first is the baseline the others are divided by. */
    enum Variant {
        STRING, AVRO_STRING, AVRO_STRUCT;

        Map<String, String> config(String registryUrl) {
            Map<String, String> config = new LinkedHashMap<>();
            if (this != STRING) {
                config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
                config.put("value.converter.schema.registry.url", registryUrl);
            }
            if (this == AVRO_STRUCT) {
                config.put("transforms", "wrap");
                config.put("transforms.wrap.type", "org.apache.kafka.connect.transforms.HoistField$Value");
                config.put("transforms.wrap.field", "line");
            }
            return config;
        }
    }

    private SchemaSourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions parsed = BenchmarkOptions.parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "benchmark-cleanup"));
        PrintStream progress = System.out;
        // Every worker directory lives below this one, emptied first: a worker directory left by an earlier run
        // holds its connectors file, and a restored connector would take the new run's connector names.
        Path work = parsed.workDir().resolve("schema-source");
        PipelineBenchmark.deleteRecursively(work);
        Files.createDirectories(work);
        BenchmarkOptions options = parsed.withWorkDir(work);
        Map<Variant, List<WorkerRun>> runs = new EnumMap<>(Variant.class);
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker.log"));
             RegistryLauncher registry = RegistryLauncher.start(options.launcher(), options.dist(), work,
                     broker.bootstrapServers())) {
            Path input = work.resolve("source-input.txt");
            BenchmarkLines.writeFile(input, options.records());
            int pairs = options.transferPairs();
            ClusterBenchmark.createTopics(broker.bootstrapServers(), IntStream.range(0, Variant.values().length * pairs * 2)
                    .mapToObj(i -> topicName(i)).toList(), 1);
            ConnectorPhases connectors = new ConnectorPhases(options, ProcStats.forThisMachine(),
                    broker.bootstrapServers(), progress);
            int topic = 0;
            for (int round = 0; round < pairs; round++) {
                // Rotate the order so no variant always runs first on a machine that drifts through the run.
                for (int k = 0; k < Variant.values().length; k++) {
                    Variant variant = Variant.values()[(k + round) % Variant.values().length];
                    String run = "source-" + variant.name().toLowerCase().replace('_', '-') + "-" + (round + 1);
                    WorkerRun result = connectors.source(input, topicName(topic++), topicName(topic++),
                            RecordMetrics.ON, run, variant.config(registry.url()));
                    runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        progress.printf("%nSource pipeline, %,d records, medians of %d workers per variant (ratios to STRING)%n",
                options.records(), options.transferPairs());
        progress.printf("%-12s %14s %14s %14s %14s%n", "variant", "fresh rec/s", "fresh CPU/1M", "warm rec/s",
                "warm CPU/1M");
        Map<String, Double> base = WorkerRun.medians(runs.get(Variant.STRING));
        for (Variant variant : Variant.values()) {
            Map<String, Double> m = WorkerRun.medians(runs.get(variant));
            figures.put(variant.name(), m);
            progress.printf("%-12s %8.0f %5.2fx %8.2f s %4.2fx %8.0f %5.2fx %8.2f s %4.2fx%n", variant,
                    m.get("freshRate"), m.get("freshRate") / base.get("freshRate"),
                    m.get("freshCpu"), m.get("freshCpu") / base.get("freshCpu"),
                    m.get("warmRate"), m.get("warmRate") / base.get("warmRate"),
                    m.get("warmCpu"), m.get("warmCpu") / base.get("warmCpu"));
        }
        Path results = options.results().resolveSibling("schema-source-results.json");
        Files.createDirectories(results.getParent());
        Files.writeString(results, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        progress.println("Results: " + results);
        System.exit(0);
    }

    private static String topicName(int i) {
        return "schema-source-" + i;
    }
}

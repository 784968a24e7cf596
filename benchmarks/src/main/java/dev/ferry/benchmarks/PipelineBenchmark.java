package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.benchmarks.BenchmarkOptions.Part;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The end-to-end benchmark of a built Ferry distribution, run by {@code benchmarks/run}.
 *
 * <p>One run, one broker (in its own process, so the worker's CPU is measured alone). The pipeline
 * part, with standalone workers, in this order: worker start-up time and idle memory; the raw
 * producer and consumer ceilings on N lines; FileStreamSource moving an N-line file into a fresh
 * topic; FileStreamSink draining the raw producer's N-record topic into a file. Each connector runs
 * on several workers, with per-record metrics on and off alternately, each worker making its
 * transfer twice, fresh and warm ({@link WorkerRun}), to measure what the metrics cost. Then the cluster
 * part ({@link ClusterBenchmark}): joins, connector start, failover and handover of distributed
 * workers. {@code --only} picks one part. It prints a table comparing each figure with Apache
 * Kafka Connect 4.3.1 and Ferry's targets and writes the same figures to results.json.
 * benchmarks/README.md explains each figure.
 *
 * <p>Exit status: 0 when every phase produced its figures (whether or not the targets were met),
 * 1 when a phase failed, 2 for a bad command line.
 */
public final class PipelineBenchmark {
    private static final String RAW_TOPIC = "benchmark-raw";
    private static final String SOURCE_TOPIC = "benchmark-source";

    /** Upper bound for the raw consumer; at 100k rec/s, a million records take 10 s. */
    private static final Duration RAW_CONSUMER_TIMEOUT = Duration.ofMinutes(3);

    private final BenchmarkOptions options;
    private final ProcStats stats;
    private final PrintStream progress = System.out;
    private final BenchmarkResults results;

    private PipelineBenchmark(BenchmarkOptions options, ProcStats stats) {
        this.options = options;
        this.stats = stats;
        this.results = new BenchmarkResults(options.records(), options.parts());
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Whatever happens to this JVM short of SIGKILL, no worker or broker it started outlives it.
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "benchmark-cleanup"));
        PipelineBenchmark benchmark = new PipelineBenchmark(options, ProcStats.forThisMachine());
        boolean complete = benchmark.run();
        System.exit(complete ? 0 : 1);
    }

    private boolean run() throws IOException {
        deleteRecursively(options.workDir());
        Files.createDirectories(options.workDir());
        long began = System.nanoTime();
        Phases phases = new Phases(progress, results.failures);
        progress.printf("Starting the broker (its log: %s)%n", options.workDir().resolve("broker.log"));
        try (BrokerProcess broker = BrokerProcess.start(options.workDir().resolve("broker.log"))) {
            String bootstrap = broker.bootstrapServers();
            if (options.runs(Part.PIPELINE)) {
                pipeline(phases, bootstrap);
            }
            if (options.runs(Part.CLUSTER)) {
                results.cluster = new ClusterFigures();
                new ClusterBenchmark(options, bootstrap, progress, results.cluster).run(phases);
            }
        } catch (RuntimeException e) {
            results.failures.put("broker", e.getMessage());
        }
        double minutes = (System.nanoTime() - began) / 60e9;
        ObjectNode environment = environment(minutes);
        ResultTable.print(results, environmentText(environment), progress);
        ResultsJson.write(results, environment, options.results());
        progress.println("Results: " + options.results());
        return results.failures.isEmpty();
    }

    /** The standalone part: start-up, the raw client ceilings, then the source and the sink. */
    private void pipeline(Phases phases, String bootstrap) {
        createTopics(bootstrap, 2 * 2 * options.transferPairs());
        phases.run("start-up", () -> results.startup = new StartupPhase(options, stats, bootstrap, progress).run());
        phases.run("raw producer", () -> {
            results.rawProducer = RawClients.produce(bootstrap, RAW_TOPIC, options.records());
            progress.printf("raw producer: %,.0f rec/s%n", results.rawProducer.recordsPerSecond());
        });
        ConnectorPhases connectors = new ConnectorPhases(options, stats, bootstrap, progress);
        if (results.rawProducer != null) {
            phases.run("raw consumer", () -> {
                results.rawConsumer = RawClients.consume(bootstrap, RAW_TOPIC, options.records(),
                        RAW_CONSUMER_TIMEOUT);
                progress.printf("raw consumer: %,.0f rec/s%n", results.rawConsumer.recordsPerSecond());
            });
        }
        transfers(phases, connectors);
    }

    /**
     * The source and then the sink, each {@code --transfer-pairs} times with per-record metrics on
     * and off in alternating order ({@link RecordMetrics#alternating}), every run on a fresh worker
     * that makes its transfer twice ({@link WorkerRun}). Each source transfer writes into an empty
     * topic of its own; each sink transfer drains the raw producer's topic.
     */
    private void transfers(Phases phases, ConnectorPhases connectors) {
        List<RecordMetrics> order = RecordMetrics.alternating(options.transferPairs());
        Path input = options.workDir().resolve("source-input.txt");
        if (phases.run("source input", () -> BenchmarkLines.writeFile(input, options.records()))) {
            int[] counts = new int[RecordMetrics.values().length];
            for (int i = 0; i < order.size(); i++) {
                RecordMetrics metrics = order.get(i);
                String run = "source-" + metrics.label() + "-" + ++counts[metrics.ordinal()];
                String freshTopic = sourceTopic(2 * i);
                String warmTopic = sourceTopic(2 * i + 1);
                phases.run(run, () -> results.sourceMetrics.add(metrics,
                        connectors.source(input, freshTopic, warmTopic, metrics, run)));
            }
        }
        results.source = results.sourceMetrics.medianOnFreshTransfer();
        results.sourceWarm = results.sourceMetrics.medianOnWarmTransfer();
        summary("source", results.sourceMetrics);
        if (results.rawProducer == null) {
            phases.skip("sink", "the raw producer did not fill " + RAW_TOPIC);
            return;
        }
        int[] counts = new int[RecordMetrics.values().length];
        for (RecordMetrics metrics : order) {
            String run = "sink-" + metrics.label() + "-" + ++counts[metrics.ordinal()];
            phases.run(run, () -> results.sinkMetrics.add(metrics, connectors.sink(RAW_TOPIC, metrics, run)));
        }
        results.sink = results.sinkMetrics.medianOnFreshTransfer();
        results.sinkWarm = results.sinkMetrics.medianOnWarmTransfer();
        summary("sink", results.sinkMetrics);
    }

    private void summary(String connector, MetricsComparison c) {
        if (c.complete()) {
            progress.printf("%s, warm transfers, metrics on vs off (medians): %,.0f vs %,.0f rec/s (cost %.1f %%), "
                    + "CPU %.2f vs %.2f s per 1M (cost %.1f %%)%n", connector, c.medianRate(RecordMetrics.ON),
                    c.medianRate(RecordMetrics.OFF), c.rateCost() * 100, c.medianCpuPer1M(RecordMetrics.ON),
                    c.medianCpuPer1M(RecordMetrics.OFF), c.cpuCost() * 100);
        }
    }

    private static String sourceTopic(int transfer) {
        return SOURCE_TOPIC + "-" + (transfer + 1);
    }

    /**
     * The raw topic and one empty topic per source transfer; one partition each, as the single
     * FileStreamSource task and sink task use.
     */
    private static void createTopics(String bootstrap, int sourceTransfers) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(RAW_TOPIC, 1, (short) 1));
        for (int i = 0; i < sourceTransfers; i++) {
            topics.add(new NewTopic(sourceTopic(i), 1, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the benchmark topics: " + e, e);
        }
    }

    private ObjectNode environment(double minutes) {
        ObjectNode env = ResultsJson.newObject();
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("commit", System.getProperty("ferry.benchmark.commit", "unknown"));
        env.put("workerLauncher", options.launcher().toString());
        env.put("ferryHeapOpts", System.getenv().getOrDefault("FERRY_HEAP_OPTS", "(launcher default)"));
        env.put("ferryOpts", System.getenv().getOrDefault("FERRY_OPTS", ""));
        env.put("clockTicksPerSecond", stats.clockTicksPerSecond());
        env.put("runMinutes", minutes);
        return env;
    }

    private static String environmentText(ObjectNode env) {
        return String.format("%d CPUs; %s; commit %s; run took %.1f min", env.get("cpus").asInt(),
                env.get("java").asText(), env.get("commit").asText(), env.get("runMinutes").asDouble());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

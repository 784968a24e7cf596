package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What exactly-once support (KIP-618) costs a source connector: Apache's FileStreamSource moving the N-line file on
 * fresh one-worker distributed clusters, with {@code exactly.once.source.support=disabled} (at-least-once, the
 * baseline) and {@code enabled} (a transactional producer; records and offsets committed together after every
 * poll, the default {@code transaction.boundary=poll}, so one transaction per FileStreamSource batch of up to 2,000
 * lines). Records/s and worker CPU per 1M records, fresh and warm as in the pipeline benchmark, medians over
 * {@code --transfer-pairs} workers per variant in alternating order. Run with {@code ./benchmarks/run eos}.
 *
 * <p>Progress is the topic's end offset as a {@code read_committed} consumer sees it (the last stable offset), so
 * only committed records count; with transactions that offset also counts one commit marker per transaction, so
 * the exactly-once transfer is declared done up to N/2,000 records early (0.05%), which the figures ignore.
 */
public final class ExactlyOnceSourceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    /** The set-ups compared; the first is the baseline the other is divided by. */
    enum Variant {
        AT_LEAST_ONCE("disabled"), EXACTLY_ONCE("enabled");

        final String support;

        Variant(String support) {
            this.support = support;
        }
    }

    private ExactlyOnceSourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions parsed = BenchmarkOptions.parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "benchmark-cleanup"));
        PrintStream progress = System.out;
        Path work = parsed.workDir().resolve("eos-source");
        PipelineBenchmark.deleteRecursively(work);
        Files.createDirectories(work);
        BenchmarkOptions options = parsed.withWorkDir(work);
        ProcStats stats = ProcStats.forThisMachine();
        Map<Variant, List<WorkerRun>> runs = new EnumMap<>(Variant.class);
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker.log"))) {
            Path input = work.resolve("source-input.txt");
            BenchmarkLines.writeFile(input, options.records());
            int pairs = options.transferPairs();
            ClusterBenchmark.createTopics(broker.bootstrapServers(), IntStream.range(0, Variant.values().length * pairs * 2)
                    .mapToObj(i -> topicName(i)).toList(), 1);
            int topic = 0;
            for (int round = 0; round < pairs; round++) {
                for (int k = 0; k < Variant.values().length; k++) {
                    Variant variant = Variant.values()[(k + round) % Variant.values().length];
                    String run = "eos-" + variant.support + "-" + (round + 1);
                    WorkerRun result = transfers(options, stats, broker.bootstrapServers(), input, run, variant,
                            topicName(topic++), topicName(topic++));
                    progress.printf("%s: fresh %,.0f rec/s, worker CPU %.2f s per 1M records; warm %,.0f rec/s, "
                                    + "%.2f s per 1M%n", run, result.fresh().recordsPerSecond(),
                            result.fresh().cpuSecondsPerMillionRecords(), result.warm().recordsPerSecond(),
                            result.warm().cpuSecondsPerMillionRecords());
                    runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", options.records());
        progress.printf("%nFileStreamSource on one distributed worker, %,d records, medians of %d workers per "
                + "variant (ratios to AT_LEAST_ONCE)%n", options.records(), options.transferPairs());
        progress.printf("%-14s %16s %16s %16s %16s%n", "variant", "fresh rec/s", "fresh CPU/1M", "warm rec/s",
                "warm CPU/1M");
        Map<String, Double> base = WorkerRun.medians(runs.get(Variant.AT_LEAST_ONCE));
        for (Variant variant : Variant.values()) {
            Map<String, Double> m = WorkerRun.medians(runs.get(variant));
            figures.put(variant.name(), m);
            progress.printf("%-14s %9.0f %5.2fx %8.2f s %5.2fx %9.0f %5.2fx %8.2f s %5.2fx%n", variant,
                    m.get("freshRate"), m.get("freshRate") / base.get("freshRate"),
                    m.get("freshCpu"), m.get("freshCpu") / base.get("freshCpu"),
                    m.get("warmRate"), m.get("warmRate") / base.get("warmRate"),
                    m.get("warmCpu"), m.get("warmCpu") / base.get("warmCpu"));
        }
        Path results = options.results().resolveSibling("eos-source-results.json");
        Files.createDirectories(results.getParent());
        Files.writeString(results, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        progress.println("Results: " + results);
        System.exit(0);
    }

    /** One fresh worker of a cluster of its own: the fresh transfer, then the warm one under another name. */
    private static WorkerRun transfers(BenchmarkOptions options, ProcStats stats, String bootstrap, Path input,
                                       String run, Variant variant, String freshTopic, String warmTopic)
            throws Exception {
        Path dir = options.workDir().resolve(run);
        try (DistributedWorker worker = DistributedWorker.launch(options.launcher(), options.dist(), dir, bootstrap,
                "benchmark-" + run, Map.of("exactly.once.source.support", variant.support));
             KafkaConsumer<byte[], byte[]> progress = committedReader(bootstrap)) {
            worker.awaitHealthy(HEALTHY_TIMEOUT);
            Transfer fresh = transfer(options, stats, worker, progress, input, freshTopic, "benchmark-" + run);
            Transfer warm = transfer(options, stats, worker, progress, input, warmTopic, "benchmark-" + run + "-warm");
            return new WorkerRun(fresh, warm);
        }
    }

    private static Transfer transfer(BenchmarkOptions options, ProcStats stats, DistributedWorker worker,
                                     KafkaConsumer<byte[], byte[]> progress, Path input, String topic, String name)
            throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        progress.assign(List.of(partition));
        long created = System.nanoTime();
        Map<String, Object> request = Map.of("name", name, "config", Map.of(
                "connector.class", "FileStreamSource", "tasks.max", "1", "file", input.toString(), "topic", topic));
        HttpResponse<String> answer = worker.post("/connectors", JSON.writeValueAsString(request));
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /connectors for " + name + " returned " + answer.statusCode() + ": "
                    + answer.body());
        }
        try {
            Transfer transfer = new TransferWatch(stats, worker.pid()).watch("FileStreamSource into " + topic,
                    options.records(), () -> progress.endOffsets(List.of(partition), Duration.ofSeconds(10))
                            .get(partition), created, FIRST_RECORD_TIMEOUT, STALL_TIMEOUT);
            worker.delete("/connectors/" + name);
            return transfer;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + worker.get("/connectors/" + name + "/status").body()
                    + "\n" + worker.logTail(), e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-progress",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    private static String topicName(int i) {
        return "eos-source-" + i;
    }
}

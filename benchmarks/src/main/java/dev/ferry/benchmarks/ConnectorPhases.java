package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The connector transfers, each connector on fresh workers of its own so a CPU figure holds only
 * its own connector and its metrics setting (on or off) is the one the worker was launched with:
 * Apache's FileStreamSource reading the N-line file into an empty topic, and Apache's
 * FileStreamSink writing an N-record topic to a file, both with StringConverter. Each worker makes
 * the same transfer twice ({@link WorkerRun}): once fresh, once warm. Connectors are created over
 * REST once the worker is ready, so worker start-up is not part of a transfer, and the first
 * connector is deleted before the second is created.
 */
final class ConnectorPhases {

    /** Time from creating the connector to its first record: task start, producer or group join. */
    private static final Duration FIRST_RECORD_TIMEOUT = Duration.ofSeconds(60);

    /** A pipeline that moves nothing for this long has stopped, not slowed down. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkOptions options;
    private final ProcStats stats;
    private final String bootstrapServers;
    private final PrintStream progress;

    ConnectorPhases(BenchmarkOptions options, ProcStats stats, String bootstrapServers, PrintStream progress) {
        this.options = options;
        this.stats = stats;
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
    }

    /**
     * FileStreamSource on one worker: {@code input} (N lines) into {@code freshTopic}, then, under
     * another connector name (so from the file's start again), into {@code warmTopic}. Both topics
     * must be empty; each transfer ends when its topic's end offset reaches N.
     *
     * @param run names the worker directory and the connectors, e.g. {@code source-metrics-off-2}
     */
    WorkerRun source(Path input, String freshTopic, String warmTopic, RecordMetrics metrics, String run)
            throws Exception {
        return source(input, freshTopic, warmTopic, metrics, run, Map.of());
    }

    /**
     * As {@link #source(Path, String, String, RecordMetrics, String)}, with {@code extraConfig} added to the
     * connector's config (another converter, SMTs).
     */
    WorkerRun source(Path input, String freshTopic, String warmTopic, RecordMetrics metrics, String run,
            Map<String, String> extraConfig) throws Exception {
        Path dir = options.workDir().resolve(run);
        Files.createDirectories(dir);
        try (WorkerProcess worker = launch(dir, metrics);
                KafkaConsumer<byte[], byte[]> offsets = offsetReader()) {
            awaitReady(worker, metrics);
            Transfer fresh = sourceTransfer(worker, offsets, input, freshTopic, "benchmark-" + run, extraConfig);
            Transfer warm = sourceTransfer(worker, offsets, input, warmTopic, "benchmark-" + run + "-warm", extraConfig);
            return report(run, new WorkerRun(fresh, warm));
        }
    }

    private Transfer sourceTransfer(WorkerProcess worker, KafkaConsumer<byte[], byte[]> offsets, Path input,
            String topic, String name, Map<String, String> extraConfig) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        // Assigned, so the consumer keeps the end offsets it fetches (and does not warn that it won't).
        offsets.assign(List.of(partition));
        long created = System.nanoTime();
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of(
                "connector.class", "FileStreamSource",
                "tasks.max", "1",
                "file", input.toString(),
                "topic", topic));
        config.putAll(extraConfig);
        worker.createConnector(name, config);
        Transfer transfer = watch(worker, name, "FileStreamSource into " + topic, created,
                () -> offsets.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition));
        worker.deleteConnector(name);
        return transfer;
    }

    /**
     * FileStreamSink on one worker: {@code topic} (holding N records) into a file, twice, each
     * time under a connector name of its own, so its consumer group starts from the beginning.
     * Each transfer ends when its file has N lines.
     *
     * @param run names the worker directory and the connectors, e.g. {@code sink-metrics-on-1}
     */
    WorkerRun sink(String topic, RecordMetrics metrics, String run) throws Exception {
        Path dir = options.workDir().resolve(run);
        Files.createDirectories(dir);
        try (WorkerProcess worker = launch(dir, metrics)) {
            awaitReady(worker, metrics);
            Transfer fresh = sinkTransfer(worker, topic, dir.resolve("output.txt"), "benchmark-" + run, run);
            Transfer warm = sinkTransfer(worker, topic, dir.resolve("output-warm.txt"), "benchmark-" + run + "-warm",
                    run);
            return report(run, new WorkerRun(fresh, warm));
        }
    }

    private Transfer sinkTransfer(WorkerProcess worker, String topic, Path output, String name, String run)
            throws Exception {
        long created = System.nanoTime();
        worker.createConnector(name, Map.of(
                "connector.class", "FileStreamSink",
                "tasks.max", "1",
                "file", output.toString(),
                "topics", topic));
        Transfer transfer = watch(worker, name, "FileStreamSink from " + topic, created,
                () -> BenchmarkLines.linesIn(output));
        worker.deleteConnector(name);
        long expectedBytes = (long) options.records() * (BenchmarkLines.LINE_BYTES + 1);
        if (Files.size(output) != expectedBytes) {
            progress.printf("%s: note: %s has %,d bytes, expected %,d%n", run, output, Files.size(output),
                    expectedBytes);
        }
        return transfer;
    }

    private WorkerRun report(String run, WorkerRun result) {
        progress.printf("%s: fresh %,.0f rec/s, worker CPU %.2f s per 1M records; warm %,.0f rec/s, %.2f s per 1M%n",
                run, result.fresh().recordsPerSecond(), result.fresh().cpuSecondsPerMillionRecords(),
                result.warm().recordsPerSecond(), result.warm().cpuSecondsPerMillionRecords());
        return result;
    }

    private WorkerProcess launch(Path dir, RecordMetrics metrics) throws IOException {
        return WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrapServers, metrics.jvmOption());
    }

    /**
     * Waits for the worker's REST API, then checks that its JVM got the metrics setting asked for:
     * a launcher that dropped FERRY_OPTS would otherwise make both settings measure the same thing.
     */
    private static void awaitReady(WorkerProcess worker, RecordMetrics metrics) {
        worker.awaitReady(READY_TIMEOUT);
        String prefix = "-D" + RecordMetrics.PROPERTY + "=";
        List<String> settings = worker.commandLine().stream().filter(arg -> arg.startsWith(prefix)).toList();
        if (settings.isEmpty() || !settings.get(settings.size() - 1).equals(metrics.jvmOption())) {
            throw new IllegalStateException("The worker (pid " + worker.pid() + ") was launched for "
                    + metrics.jvmOption() + " but its JVM command line has " + settings
                    + "; check that the ferry launcher passes FERRY_OPTS to the JVM");
        }
    }

    private Transfer watch(WorkerProcess worker, String name, String what, long created, TransferWatch.Counter counter)
            throws Exception {
        try {
            return new TransferWatch(stats, worker.pid()).watch(what, options.records(), counter, created,
                    FIRST_RECORD_TIMEOUT, STALL_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + worker.connectorStatus(name) + "\n"
                    + worker.logTail(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> offsetReader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-progress",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }
}

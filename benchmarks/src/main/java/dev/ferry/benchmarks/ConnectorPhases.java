package dev.ferry.benchmarks;

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
 * The two connector phases, each on a worker of its own so its CPU figure holds only its own
 * connector: Apache's FileStreamSource reading the N-line file into a fresh topic, and Apache's
 * FileStreamSink writing an N-record topic to a file, both with StringConverter. Connectors are
 * created over REST once the worker is ready, so worker start-up is not part of the transfer.
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

    /** FileStreamSource: the input file into {@code topic}, until its end offset reaches N. */
    Transfer source(String topic) throws Exception {
        Path dir = options.workDir().resolve("source");
        Files.createDirectories(dir);
        Path input = dir.resolve("input.txt");
        BenchmarkLines.writeFile(input, options.records());
        String name = "benchmark-file-source";
        TopicPartition partition = new TopicPartition(topic, 0);
        try (WorkerProcess worker = WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrapServers);
                KafkaConsumer<byte[], byte[]> offsets = offsetReader()) {
            // Assigned, so the consumer keeps the end offsets it fetches (and does not warn that it won't).
            offsets.assign(List.of(partition));
            worker.awaitReady(READY_TIMEOUT);
            long created = System.nanoTime();
            worker.createConnector(name, Map.of(
                    "connector.class", "FileStreamSource",
                    "tasks.max", "1",
                    "file", input.toString(),
                    "topic", topic));
            Transfer transfer = watch(worker, name, "FileStreamSource into " + topic, created,
                    () -> offsets.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition));
            progress.printf("source: %,.0f rec/s, worker CPU %.2f s per 1M records%n", transfer.recordsPerSecond(),
                    transfer.cpuSecondsPerMillionRecords());
            return transfer;
        }
    }

    /** FileStreamSink: {@code topic} (holding N records) into a file, until the file has N lines. */
    Transfer sink(String topic) throws Exception {
        Path dir = options.workDir().resolve("sink");
        Files.createDirectories(dir);
        Path output = dir.resolve("output.txt");
        String name = "benchmark-file-sink";
        try (WorkerProcess worker = WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrapServers)) {
            worker.awaitReady(READY_TIMEOUT);
            long created = System.nanoTime();
            worker.createConnector(name, Map.of(
                    "connector.class", "FileStreamSink",
                    "tasks.max", "1",
                    "file", output.toString(),
                    "topics", topic));
            Transfer transfer = watch(worker, name, "FileStreamSink from " + topic, created,
                    () -> BenchmarkLines.linesIn(output));
            long expectedBytes = (long) options.records() * (BenchmarkLines.LINE_BYTES + 1);
            if (Files.size(output) != expectedBytes) {
                progress.printf("sink: note: %s has %,d bytes, expected %,d%n", output, Files.size(output),
                        expectedBytes);
            }
            progress.printf("sink: %,.0f rec/s, worker CPU %.2f s per 1M records%n", transfer.recordsPerSecond(),
                    transfer.cpuSecondsPerMillionRecords());
            return transfer;
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

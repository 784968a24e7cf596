package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry takes over an Apache Kafka Connect 4.3.1 cluster that runs an exactly-once source
 * connector (KIP-618): Apache's worker, with {@code exactly.once.source.support=enabled}, runs a
 * FileStreamSource with {@code exactly.once.support=required} while lines keep being appended to
 * its file, and is killed with SIGKILL mid-transfer (a transaction may be open). Two Ferry workers
 * started on the same group and internal topics read Apache's transactional config topic
 * (including its {@code tasks-fencing-} record, byte for byte what Ferry writes), resume from the
 * offset Apache committed in the same transaction as its records, fence Apache's task producer by
 * taking over its transactional id, and carry on: a {@code read_committed} consumer sees every line
 * exactly once, in order.
 */
@WithKafka
class ApacheExactlyOnceTakeoverIT {
    private static final String GROUP = "apache-eos-takeover";
    private static final String TOPIC = "apache-eos-takeover-data";
    private static final String SOURCE = "eos-file-source";
    private static final int CHUNKS = 40;
    private static final int CHUNK_LINES = 500;
    private static final int LINES = CHUNKS * CHUNK_LINES;
    private static final Map<String, String> EOS = Map.of("exactly.once.source.support", "enabled");
    private static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void ferryTakesOverAnApacheExactlyOnceSource_killedMidTransfer_everyLineOnceInOrder(KafkaBroker broker)
            throws Exception {
        broker.createTopic(TOPIC, 1, Map.of());
        Path input = Files.createFile(dir.resolve("in.txt"));
        ExecutorService appender = Executors.newSingleThreadExecutor();
        List<WorkerProcess> ferry = new ArrayList<>();
        try (ApacheConnectProcess apache = ApacheConnectProcess.startDistributed(dir.resolve("apache"),
                broker.bootstrapServers(), GROUP, EOS)) {
            HttpResponse<String> created = apache.rest.post("/connectors", "{\"name\":\"" + SOURCE + "\",\"config\":{"
                    + "\"connector.class\":\"FileStreamSource\",\"file\":\"" + input + "\",\"topic\":\"" + TOPIC + "\","
                    + "\"exactly.once.support\":\"required\",\"batch.size\":\"100\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            apache.await(STEP, SOURCE + " RUNNING on Apache", () -> apache.rest.inState(SOURCE, "RUNNING", 1));

            Future<?> appending = appender.submit(() -> {
                for (int chunk = 0; chunk < CHUNKS; chunk++) {
                    appendLines(input, chunk * CHUNK_LINES, (chunk + 1) * CHUNK_LINES);
                    TimeUnit.MILLISECONDS.sleep(150);
                }
                return null;
            });
            apache.await(STEP, "a fifth of the lines committed by Apache", () -> readCommitted(broker).size() >= LINES / 5);
            apache.kill9();
            int byApache = readCommitted(broker).size();
            System.out.printf("Apache committed %d of %d lines before SIGKILL%n", byApache, LINES);
            assertThat(byApache).as("killed mid-transfer").isLessThan(LINES);

            List<String> taskCounts = new ArrayList<>();
            for (TopicRecords.Raw r : TopicRecords.read(broker, GROUP + "-configs")) {
                if (("tasks-fencing-" + SOURCE).equals(r.keyText())) {
                    taskCounts.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(taskCounts).as("Apache's task-count records").contains("{\"task-count\":1}");

            List<WorkerProcess.Start> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path workerDir = dir.resolve("ferry-" + i);
                starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), GROUP, EOS));
            }
            ferry.addAll(WorkerProcess.startTogether(starts));
            WorkerProcess any = ferry.get(0);
            any.awaitState(SOURCE, "RUNNING", 1, STEP);
            appending.get(60, TimeUnit.SECONDS);
            any.await(Duration.ofSeconds(90), "the last line committed",
                    () -> readCommitted(broker).contains(line(LINES - 1)));

            List<String> lines = readCommitted(broker);
            assertThat(lines).as("committed lines").hasSize(LINES);
            for (int i = 0; i < LINES; i++) {
                if (!lines.get(i).equals(line(i))) {
                    throw new AssertionError("Committed line " + i + " is '" + lines.get(i) + "', expected '" + line(i)
                            + "' (Apache committed " + byApache + " before it was killed)");
                }
            }
        } finally {
            appender.shutdownNow();
            for (WorkerProcess worker : ferry) {
                worker.close();
            }
        }
    }

    private static String line(int i) {
        return String.format("line %07d", i);
    }

    private static void appendLines(Path file, int from, int to) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(i)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The topic's committed values, read up to its last stable offset. */
    private static List<String> readCommitted(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("isolation.level", "read_committed");
        config.remove("group.id");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}

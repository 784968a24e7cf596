package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a standalone worker in the middle of a 250,000-line transfer (the system property
 * {@code ferry.crash.lines} sets another count, e.g. 1000000 for the 1 M-line run), then a
 * restart: every line arrives at least once, and the source re-sends only what came after the last
 * flushed offset (the position stored in the offsets file when the worker died). The worker is
 * killed while only the first half of the lines exists, so it always dies mid-transfer.
 */
@WithKafka
class CrashRecoveryIT {
    private static final int LINES = Integer.getInteger("ferry.crash.lines", 250_000);
    private static final int LINE_BYTES = "line 0000000\n".length();
    private static final String TOPIC = "crash-recovery";

    @TempDir
    Path dir;

    @Test
    void killDashNine_midTransfer_thenRestart_loseNothingAndRepeatOnlyAfterLastFlush(KafkaBroker broker) throws Exception {
        broker.createTopic(TOPIC, 1, Map.of());
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.createFile(input);
        Path source = Files.writeString(dir.resolve("source.properties"), String.join("\n",
                "name=crash-source", "connector.class=FileStreamSource", "file=" + input, "topic=" + TOPIC));
        Path sink = Files.writeString(dir.resolve("sink.properties"), String.join("\n",
                "name=crash-sink", "connector.class=FileStreamSink", "file=" + output, "topics=" + TOPIC));

        int flushedLines;
        long sentBeforeKill;
        // The killed worker's sink consumer stays in its group until its session expires, and the restarted
        // sink's consumer cannot join before that: the broker's shortest session (6 s) instead of the client's
        // 45 s default, which this test spent waiting.
        Map<String, String> shortSessions = Map.of("consumer.session.timeout.ms", "6000");
        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), shortSessions, source, sink)) {
            worker.awaitState("crash-source", "RUNNING", 1, Duration.ofSeconds(30));
            appendLines(input, 0, LINES / 2);
            worker.await(Duration.ofSeconds(60), "a quarter of the lines in Kafka and a flushed offset",
                    () -> endOffset(broker) >= LINES / 4 && flushedPosition(dir) > 0);
            worker.kill9();
            sentBeforeKill = endOffset(broker);
            long position = flushedPosition(dir);
            assertThat(position % LINE_BYTES).as("flushed positions fall on line boundaries").isZero();
            flushedLines = (int) (position / LINE_BYTES);
            assertThat(sentBeforeKill).as("killed mid-transfer").isLessThan(LINES);

            appendLines(input, LINES / 2, LINES);
            worker.launch(source, sink);
            worker.await(Duration.ofSeconds(180), "every line in the topic",
                    () -> endOffset(broker) >= LINES + sentBeforeKill - flushedLines);
            // One partition, so the sink writes in topic order: once the last line is there, every
            // line is (some twice: the sink re-reads what it had not committed when it was killed).
            worker.await(Duration.ofSeconds(180), "the last line in the output file",
                    () -> endsWith(output, line(LINES - 1) + "\n"));
            worker.stop();
        }

        // The source side: the topic holds lines [0, k) from the first run, then [f, N) from the second,
        // where f is the last flushed offset. Nothing before f is repeated, nothing is skipped.
        List<String> topic = readTopic(broker);
        int k = (int) sentBeforeKill;
        assertThat(flushedLines).isLessThanOrEqualTo(k);
        assertThat(topic).hasSize(k + LINES - flushedLines);
        List<String> expected = new ArrayList<>(k + LINES - flushedLines);
        for (int i = 0; i < k; i++) {
            expected.add(line(i));
        }
        for (int i = flushedLines; i < LINES; i++) {
            expected.add(line(i));
        }
        assertThat(firstDifference(topic, expected)).as("first index where the topic differs").isEqualTo(-1);
        // The sink side: at least once.
        Set<String> written = new HashSet<>(Files.readAllLines(output));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < LINES && missing.size() < 10; i++) {
            if (!written.contains(line(i))) {
                missing.add(line(i));
            }
        }
        assertThat(missing).as("lines missing from the sink's file").isEmpty();
    }

    private static boolean endsWith(Path file, String text) throws Exception {
        if (!Files.exists(file) || Files.size(file) < text.length()) {
            return false;
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            byte[] tail = new byte[text.length()];
            raf.seek(raf.length() - tail.length);
            raf.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).equals(text);
        }
    }

    private static int firstDifference(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                return i;
            }
        }
        return actual.size() == expected.size() ? -1 : Math.min(actual.size(), expected.size());
    }

    private static String line(int i) {
        return String.format("line %07d", i);
    }

    private static void appendLines(Path file, int from, int to) throws Exception {
        StringBuilder text = new StringBuilder((to - from) * LINE_BYTES);
        for (int i = from; i < to; i++) {
            text.append(line(i)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The source position Apache's offsets file format holds for our connector, or 0. */
    private static long flushedPosition(Path dir) throws Exception {
        Path file = dir.resolve("connect.offsets");
        if (!Files.exists(file) || Files.size(file) == 0) {
            return 0;
        }
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            Map<?, ?> map = (Map<?, ?>) in.readObject();
            ObjectMapper json = new ObjectMapper();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = new String((byte[]) e.getKey(), StandardCharsets.UTF_8);
                if (key.startsWith("[\"crash-source\"")) {
                    return json.readTree((byte[]) e.getValue()).path("position").asLong();
                }
            }
        }
        return 0;
    }

    private static long endOffset(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.adminConfig())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
        }
    }

    private static List<String> readTopic(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("max.poll.records", "10000");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}

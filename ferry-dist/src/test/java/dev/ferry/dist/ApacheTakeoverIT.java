package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
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
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry as a drop-in for a stopped Apache Kafka Connect 4.3.1 cluster: an Apache worker runs a
 * file source, a file sink, a paused and a stopped connector and is stopped with SIGTERM; a Ferry
 * worker started on the same group and internal topics shows the same connectors with the same
 * configs and task configs and target states, and carries on from Apache's offsets: the source
 * from the position in the offsets topic, the sink from its consumer group's committed offsets.
 */
@WithKafka
class ApacheTakeoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "apache-takeover";
    private static final String TOPIC = "apache-takeover-data";
    private static final String SOURCE = "takeover-source";
    private static final String SINK = "takeover-sink";
    private static final String PAUSED = "takeover-paused";
    private static final String STOPPED = "takeover-stopped";
    private static final List<String> CONNECTORS = List.of(PAUSED, SINK, SOURCE, STOPPED);
    private static final int LINES = 500;
    private static final int MORE_LINES = 300;
    private static final int LINE_BYTES = "line 0000000\n".length();
    private static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void ferryStartedOnAStoppedApacheClustersTopics_keepsItsConnectorsStatesAndOffsets(KafkaBroker broker) throws Exception {
        broker.createTopic(TOPIC, 1, Map.of());
        broker.createTopic(TOPIC + "-paused", 1, Map.of());
        Path input = dir.resolve("in.txt");
        Path output = dir.resolve("out.txt");
        Path pausedInput = dir.resolve("paused-in.txt");
        appendLines(input, 0, LINES);
        appendLines(pausedInput, 0, 10);

        Map<String, JsonNode> apacheConfigs = new TreeMap<>();
        Map<String, JsonNode> apacheTasks = new TreeMap<>();
        try (ApacheConnectProcess apache = ApacheConnectProcess.startDistributed(dir.resolve("apache"),
                broker.bootstrapServers(), GROUP, Map.of())) {
            ConnectRest rest = apache.rest;
            create(rest, SOURCE, "FileStreamSource", "\"file\":\"" + input + "\",\"topic\":\"" + TOPIC + "\"");
            create(rest, SINK, "FileStreamSink", "\"file\":\"" + output + "\",\"topics\":\"" + TOPIC + "\"");
            create(rest, PAUSED, "FileStreamSource", "\"file\":\"" + pausedInput + "\",\"topic\":\"" + TOPIC + "-paused\"");
            create(rest, STOPPED, "FileStreamSource", "\"file\":\"" + pausedInput + "\",\"topic\":\"" + TOPIC + "-stopped\"");
            for (String connector : CONNECTORS) {
                apache.await(STEP, connector + " RUNNING on Apache", () -> rest.inState(connector, "RUNNING", 1));
            }
            assertThat(rest.put("/connectors/" + PAUSED + "/pause", "").statusCode()).isEqualTo(202);
            assertThat(rest.put("/connectors/" + STOPPED + "/stop", "").statusCode()).isEqualTo(204);
            apache.await(STEP, PAUSED + " PAUSED on Apache", () -> rest.inState(PAUSED, "PAUSED", 1));
            apache.await(STEP, STOPPED + " STOPPED on Apache", () -> rest.inState(STOPPED, "STOPPED", 0));
            apache.await(STEP, "the whole file sent, its position committed and the sink's offsets committed",
                    () -> committedPosition(broker, input) == (long) LINES * LINE_BYTES
                            && sinkCommittedOffset(broker) == LINES);
            for (String connector : CONNECTORS) {
                apacheConfigs.put(connector, rest.json("/connectors/" + connector + "/config"));
                apacheTasks.put(connector, rest.json("/connectors/" + connector + "/tasks"));
            }
            apache.stop();
        }

        // Where Apache left off, as the topics and the consumer group say.
        int flushedLines = (int) (committedPosition(broker, input) / LINE_BYTES);
        int sentByApache = (int) endOffset(broker);
        long sinkCommitted = sinkCommittedOffset(broker);
        List<String> writtenByApache = Files.readAllLines(output);
        assertThat(committedPosition(broker, input) % LINE_BYTES).as("committed positions fall on line boundaries").isZero();
        System.out.printf("Apache left: %d lines sent, position of line %d committed, sink committed at %d, %d lines in its file%n",
                sentByApache, flushedLines, sinkCommitted, writtenByApache.size());

        try (WorkerProcess ferry = WorkerProcess.startDistributed(dir.resolve("ferry"), broker.bootstrapServers(), GROUP,
                Map.of())) {
            ConnectRest rest = new ConnectRest(ferry.port);
            ferry.await(STEP, "Ferry healthy", () -> rest.get("/health").statusCode() == 200);
            assertThat(JSON.readTree(rest.get("/connectors").body())).as("connectors Ferry lists")
                    .containsExactlyInAnyOrderElementsOf(CONNECTORS.stream().map(c -> JSON.getNodeFactory().textNode(c)).toList());
            for (String connector : CONNECTORS) {
                assertThat(rest.json("/connectors/" + connector + "/config")).as("config of %s", connector)
                        .isEqualTo(apacheConfigs.get(connector));
                assertThat(rest.json("/connectors/" + connector + "/tasks")).as("task configs of %s", connector)
                        .isEqualTo(apacheTasks.get(connector));
            }
            ferry.await(STEP, "source and sink RUNNING on Ferry",
                    () -> rest.inState(SOURCE, "RUNNING", 1) && rest.inState(SINK, "RUNNING", 1));
            ferry.await(STEP, PAUSED + " still PAUSED", () -> rest.inState(PAUSED, "PAUSED", 1));
            ferry.await(STEP, STOPPED + " still STOPPED", () -> rest.inState(STOPPED, "STOPPED", 0));

            appendLines(input, LINES, LINES + MORE_LINES);
            int total = LINES + MORE_LINES;
            long expectedInTopic = sentByApache + total - flushedLines;
            ferry.await(STEP, expectedInTopic + " records in " + TOPIC, () -> endOffset(broker) >= expectedInTopic);
            ferry.await(STEP, "the last line in the sink's file", () -> lastLine(output).equals(line(total - 1)));
            // Still PAUSED after the new lines: its input got none, but its status must not have changed.
            assertThat(rest.inState(PAUSED, "PAUSED", 1)).isTrue();
            assertThat(rest.inState(STOPPED, "STOPPED", 0)).isTrue();

            List<String> topic = readTopic(broker);
            List<String> expectedTopic = new ArrayList<>();
            for (int i = 0; i < sentByApache; i++) {
                expectedTopic.add(line(i));
            }
            for (int i = flushedLines; i < total; i++) {
                expectedTopic.add(line(i));
            }
            assertThat(topic).as("Apache's records, then Ferry's from Apache's committed position %d", flushedLines)
                    .containsExactlyElementsOf(expectedTopic);
            List<String> expectedOutput = new ArrayList<>(writtenByApache);
            expectedOutput.addAll(topic.subList((int) sinkCommitted, topic.size()));
            assertThat(Files.readAllLines(output)).as("the sink's file: Apache's lines, then Ferry's from offset %d",
                    sinkCommitted).containsExactlyElementsOf(expectedOutput);
            ferry.stop();
        }
    }

    private static void create(ConnectRest rest, String name, String connectorClass, String settings) {
        HttpResponse<String> created = rest.post("/connectors", "{\"name\":\"" + name + "\",\"config\":{"
                + "\"connector.class\":\"" + connectorClass + "\"," + settings + "}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** The source's latest position in the offsets topic, computed from the raw records; 0 if none. */
    private static long committedPosition(KafkaBroker broker, Path input) throws IOException {
        String key = JSON.writeValueAsString(List.of(SOURCE, Map.of("filename", input.toString())));
        long position = 0;
        for (TopicRecords.Raw r : TopicRecords.read(broker, GROUP + "-offsets")) {
            if (key.equals(r.keyText())) {
                position = r.value() == null ? 0 : JSON.readTree(r.value()).path("position").asLong();
            }
        }
        return position;
    }

    private static long sinkCommittedOffset(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(broker.adminConfig())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + SINK)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata committed = offsets.get(new TopicPartition(TOPIC, 0));
            return committed == null ? 0 : committed.offset();
        }
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
        config.remove("group.id");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static String lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static String line(int i) {
        return String.format("line %07d", i);
    }

    private static void appendLines(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(line(i)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

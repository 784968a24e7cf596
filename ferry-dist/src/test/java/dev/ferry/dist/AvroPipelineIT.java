package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's shape of pipeline with files in place of the database: Apache's FileStreamSource, SMTs that make each
 * line a struct, Avro through the registry under Confluent's converter class name, a topic, and FileStreamSink
 * reading it back with the same converter. Then the bad inputs a user meets: records not written by a registry
 * serializer or naming an unknown schema id (failed task naming the record, or the dead letter queue with
 * {@code errors.tolerance=all}), and a registry that cannot be reached (retried, then failed naming its URL).
 */
@WithKafka
class AvroPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AVRO = "io.confluent.connect.avro.AvroConverter";

    @TempDir
    Path dir;

    @Test
    void structsFromFileSource_travelAsAvroThroughTheRegistry_andReadBackInTheSink(KafkaBroker broker) throws Exception {
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add("line " + i + " ünïcødé");
        }
        Files.write(input, lines, StandardCharsets.UTF_8);
        broker.createTopic("avro-lines", 1, Map.of());
        Files.createDirectories(dir.resolve("worker"));

        try (RegistryProcess registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers());
             WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), Map.of())) {
            created(worker, """
                    {"name": "avro-source", "config": {
                      "connector.class": "FileStreamSource", "file": "%s", "topic": "avro-lines",
                      "value.converter": "%s", "value.converter.schema.registry.url": "%s",
                      "transforms": "wrap,stamp",
                      "transforms.wrap.type": "org.apache.kafka.connect.transforms.HoistField$Value",
                      "transforms.wrap.field": "line",
                      "transforms.stamp.type": "org.apache.kafka.connect.transforms.InsertField$Value",
                      "transforms.stamp.static.field": "via",
                      "transforms.stamp.static.value": "ferry"}}
                    """.formatted(input, AVRO, registry.url()));
            created(worker, """
                    {"name": "avro-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "avro-lines",
                      "value.converter": "%s", "value.converter.schema.registry.url": "%s"}}
                    """.formatted(output, AVRO, registry.url()));

            worker.await(Duration.ofSeconds(90), "500 lines in " + output,
                    () -> Files.exists(output) && Files.readAllLines(output).size() >= 500);
            List<String> written = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(written).hasSize(500);
            assertThat(written.get(0)).isEqualTo("Struct{line=line 0 ünïcødé,via=ferry}");
            assertThat(written.get(499)).isEqualTo("Struct{line=line 499 ünïcødé,via=ferry}");

            JsonNode latest = JSON.readTree(registry.get("/subjects/avro-lines-value/versions/latest").body());
            assertThat(latest.path("version").asInt()).isEqualTo(1);
            JsonNode schema = JSON.readTree(latest.path("schema").asText());
            assertThat(schema.path("type").asText()).isEqualTo("record");
            assertThat(schema.path("fields")).extracting(f -> f.path("name").asText()).containsExactly("line", "via");

            byte[] first = TopicRecords.read(broker, "avro-lines").get(0).value();
            assertThat(first[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(first, 1, 4).getInt()).as("schema id").isEqualTo(latest.path("id").asInt());
            assertThat(worker.stop()).isZero();
        }
    }

    @Test
    void recordsNotFromARegistrySerializer_goToTheDlq_andTheGoodOnesReachTheFile(KafkaBroker broker) throws Exception {
        broker.createTopic("avro-mixed", 1, Map.of());
        Files.createDirectories(dir.resolve("worker"));
        try (RegistryProcess registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers());
             WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), Map.of())) {
            byte[] good = avroRecordOf(broker, worker, registry, "hello");
            produce(broker, "avro-mixed", good, "plain text".getBytes(StandardCharsets.UTF_8), unknownId(), good);
            Path output = dir.resolve("mixed.txt");
            created(worker, """
                    {"name": "mixed-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "avro-mixed",
                      "value.converter": "%s", "value.converter.schema.registry.url": "%s",
                      "errors.tolerance": "all",
                      "errors.deadletterqueue.topic.name": "avro-mixed-dead",
                      "errors.deadletterqueue.topic.replication.factor": "1",
                      "errors.deadletterqueue.context.headers.enable": "true"}}
                    """.formatted(output, AVRO, registry.url()));
            worker.await(Duration.ofSeconds(60), "two good records in " + output,
                    () -> Files.exists(output) && Files.readAllLines(output).size() >= 2);
            assertThat(Files.readAllLines(output)).containsExactly("Struct{line=hello}", "Struct{line=hello}");

            List<TopicRecords.Raw> dead = new ArrayList<>();
            worker.await(Duration.ofSeconds(30), "two records in the DLQ", () -> {
                dead.clear();
                try {
                    dead.addAll(TopicRecords.read(broker, "avro-mixed-dead"));
                } catch (AssertionError notYet) {
                    return false;
                }
                return dead.size() >= 2;
            });
            assertThat(dead.get(0).valueText()).isEqualTo("plain text");
            assertThat(dead.get(1).value()).isEqualTo(unknownId());
            worker.stop();
        }
    }

    @Test
    void unknownSchemaId_withToleranceNone_failsTheTask_namingTheRecordAndTheId(KafkaBroker broker) throws Exception {
        broker.createTopic("avro-strict", 1, Map.of());
        produce(broker, "avro-strict", unknownId());
        Files.createDirectories(dir.resolve("worker"));
        try (RegistryProcess registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers());
             WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), Map.of())) {
            created(worker, """
                    {"name": "strict-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "avro-strict",
                      "value.converter": "%s", "value.converter.schema.registry.url": "%s"}}
                    """.formatted(dir.resolve("strict.txt"), AVRO, registry.url()));
            String trace = failedTaskTrace(worker, "strict-sink");
            assertThat(trace).contains("record at topic avro-strict partition 0 offset 0").contains("99999");
            worker.stop();
        }
    }

    @Test
    void unreachableRegistry_isRetriedPerErrorsRetry_thenFailsTheTaskNamingItsUrl(KafkaBroker broker) throws Exception {
        broker.createTopic("avro-nowhere", 1, Map.of());
        produce(broker, "avro-nowhere", unknownId());
        String nowhere = "http://127.0.0.1:" + WorkerProcess.freePort();
        Files.createDirectories(dir.resolve("worker"));
        try (WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), Map.of())) {
            created(worker, """
                    {"name": "nowhere-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "avro-nowhere",
                      "value.converter": "%s", "value.converter.schema.registry.url": "%s",
                      "value.converter.max.retries": "0",
                      "errors.retry.timeout": "3000", "errors.retry.delay.max.ms": "500"}}
                    """.formatted(dir.resolve("nowhere.txt"), AVRO, nowhere));
            long start = System.nanoTime();
            String trace = failedTaskTrace(worker, "nowhere-sink");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("retried for errors.retry.timeout first")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(trace).contains(nowhere);
            worker.stop();
        }
    }

    /** A Confluent-framed record whose schema id no registry has. */
    private static byte[] unknownId() {
        return ByteBuffer.allocate(7).put((byte) 0).putInt(99999).put((byte) 2).put((byte) 'x').array();
    }

    /** The bytes Ferry's AvroConverter writes for {@code Struct{line=text}}, taken from a real source. */
    private byte[] avroRecordOf(KafkaBroker broker, WorkerProcess worker, RegistryProcess registry, String text)
            throws Exception {
        broker.createTopic("avro-one", 1, Map.of());
        Path input = Files.writeString(dir.resolve("one.txt"), text + "\n");
        created(worker, """
                {"name": "one-source", "config": {
                  "connector.class": "FileStreamSource", "file": "%s", "topic": "avro-one",
                  "value.converter": "%s", "value.converter.schema.registry.url": "%s",
                  "transforms": "wrap",
                  "transforms.wrap.type": "org.apache.kafka.connect.transforms.HoistField$Value",
                  "transforms.wrap.field": "line"}}
                """.formatted(input, AVRO, registry.url()));
        List<TopicRecords.Raw> records = new ArrayList<>();
        worker.await(Duration.ofSeconds(60), "the source's record", () -> {
            records.clear();
            records.addAll(TopicRecords.read(broker, "avro-one"));
            return !records.isEmpty();
        });
        assertThat(worker.delete("/connectors/one-source").statusCode()).isEqualTo(204);
        return records.get(0).value();
    }

    private static String failedTaskTrace(WorkerProcess worker, String connector) {
        JsonNode[] task = new JsonNode[1];
        worker.await(Duration.ofSeconds(60), connector + " task FAILED", () -> {
            task[0] = worker.json("/connectors/" + connector + "/status").path("tasks").path(0);
            return "FAILED".equals(task[0].path("state").asText());
        });
        return task[0].path("trace").asText();
    }

    private static void created(WorkerProcess worker, String body) {
        var response = worker.post("/connectors", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void produce(KafkaBroker broker, String topic, byte[]... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}

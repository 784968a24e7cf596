package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink whose topic holds malformed records: with {@code errors.tolerance=all} and a dead letter
 * queue they land in the DLQ with their original bytes and the ten {@code __connect.errors.*}
 * headers while good records reach the file; with {@code errors.tolerance=none} the task fails
 * and its status shows why.
 */
@WithKafka
class DeadLetterQueueIT {
    private static final List<String> HEADERS = List.of("__connect.errors.topic", "__connect.errors.partition",
            "__connect.errors.offset", "__connect.errors.connector.name", "__connect.errors.task.id",
            "__connect.errors.stage", "__connect.errors.class.name", "__connect.errors.exception.class.name",
            "__connect.errors.exception.message", "__connect.errors.exception.stacktrace");

    @TempDir
    Path dir;

    @Test
    void malformedRecords_goToTheDlqWithTheirBytesAndTenHeaders_goodOnesReachTheFile(KafkaBroker broker) throws Exception {
        broker.createTopic("dlq-orders", 1, Map.of());
        produce(broker, "dlq-orders", "\"order-1\"", "{broken json", "\"order-2\"", "[1,2", "\"order-3\"");
        Path output = dir.resolve("orders.txt");

        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of())) {
            var created = worker.post("/connectors", """
                    {"name": "orders-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "dlq-orders",
                      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                      "value.converter.schemas.enable": "false",
                      "errors.tolerance": "all",
                      "errors.deadletterqueue.topic.name": "dlq-orders-dead",
                      "errors.deadletterqueue.topic.replication.factor": "1",
                      "errors.deadletterqueue.context.headers.enable": "true"}}
                    """.formatted(output));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            WorkerProcess.awaitUntil(Duration.ofSeconds(60), "three good lines in " + output,
                    () -> Files.exists(output) && Files.readAllLines(output).size() >= 3);
            assertThat(Files.readAllLines(output)).containsExactly("order-1", "order-2", "order-3");

            List<ConsumerRecord<byte[], byte[]>> dead = consume(broker, "dlq-orders-dead", 2);
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("{broken json", "[1,2");
            Map<String, String> headers = new TreeMap<>();
            for (Header h : dead.get(0).headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers.keySet()).containsAll(HEADERS);
            assertThat(headers).containsEntry("__connect.errors.topic", "dlq-orders")
                    .containsEntry("__connect.errors.partition", "0")
                    .containsEntry("__connect.errors.offset", "1")
                    .containsEntry("__connect.errors.connector.name", "orders-sink")
                    .containsEntry("__connect.errors.task.id", "0")
                    .containsEntry("__connect.errors.stage", "VALUE_CONVERTER")
                    .containsEntry("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter");
            assertThat(headers.get("__connect.errors.exception.class.name")).isEqualTo(
                    "org.apache.kafka.connect.errors.DataException");

            worker.stop();
        }
    }

    @Test
    void malformedRecord_withToleranceNone_failsTheTaskAndStatusShowsTheTrace(KafkaBroker broker) throws Exception {
        broker.createTopic("strict-orders", 1, Map.of());
        produce(broker, "strict-orders", "\"fine\"", "{broken json");
        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of())) {
            var created = worker.post("/connectors", """
                    {"name": "strict-sink", "config": {
                      "connector.class": "FileStreamSink", "file": "%s", "topics": "strict-orders",
                      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                      "value.converter.schemas.enable": "false"}}
                    """.formatted(dir.resolve("strict.txt")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode[] task = new JsonNode[1];
            WorkerProcess.awaitUntil(Duration.ofSeconds(60), "strict-sink task FAILED", () -> {
                task[0] = worker.json("/connectors/strict-sink/status").path("tasks").path(0);
                return "FAILED".equals(task[0].path("state").asText());
            });
            assertThat(task[0].path("trace").asText()).contains("DataException").contains("Tolerance exceeded");
            assertThat(worker.json("/connectors/strict-sink/status").path("connector").path("state").asText())
                    .isEqualTo("RUNNING");
            worker.stop();
        }
    }

    private static void produce(KafkaBroker broker, String topic, String... values) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(KafkaBroker broker, String topic, int count) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            WorkerProcess.awaitUntil(Duration.ofSeconds(30), "topic " + topic, () ->
                    consumer.partitionsFor(topic) != null && !consumer.partitionsFor(topic).isEmpty());
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < count && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}

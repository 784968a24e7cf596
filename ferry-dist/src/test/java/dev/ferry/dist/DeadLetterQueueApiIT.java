package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's DLQ and recent-metrics endpoints at the REST level, on a two-worker cluster and a real
 * broker: a FileStreamSink with a dead letter queue gets malformed JSON among good records; either
 * worker lists the queue with the {@code __connect.errors.*} headers decoded, pages it, replays a
 * record to its original topic and partition (key, value and own headers as they were, error
 * headers left out), and refuses what it cannot do with Apache's error shape. The series endpoint
 * gives every task of the connector whichever worker is asked.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterQueueApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "ferry-dlq-api-it";
    private static final String TOPIC = "dlq-api-orders";
    private static final String DLQ = "dlq-api-orders-dead";

    private KafkaBroker broker;
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    void startTwoWorkersAndASinkWithADeadLetterQueue(KafkaBroker broker, @TempDir Path dir) throws Exception {
        this.broker = broker;
        broker.createTopic(TOPIC, 2, Map.of());
        List<WorkerProcess.Start> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path workerDir = dir.resolve("worker-" + i);
            starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), GROUP, Map.of()));
        }
        workers.addAll(WorkerProcess.startTogether(starts));
        for (WorkerProcess worker : workers) {
            worker.await(Duration.ofSeconds(60), "worker joined the group",
                    () -> worker.json("/health").path("status").asText().equals("healthy"));
        }
        HttpResponse<String> created = workers.get(0).post("/connectors", """
                {"name": "dlq-api-sink", "config": {
                  "connector.class": "FileStreamSink", "file": "%s", "topics": "%s", "tasks.max": "2",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false",
                  "errors.tolerance": "all",
                  "errors.deadletterqueue.topic.name": "%s",
                  "errors.deadletterqueue.topic.replication.factor": "1",
                  "errors.deadletterqueue.context.headers.enable": "true"}}
                """.formatted(dir.resolve("orders.txt"), TOPIC, DLQ));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        workers.get(0).awaitState("dlq-api-sink", "RUNNING", 2, Duration.ofSeconds(60));
        produce(0, "k1", "\"good-1\"");
        produce(1, "k2", "{broken json");
        produce(0, "k3", "[1,2");
        workers.get(1).await(Duration.ofSeconds(60), "two records in the DLQ",
                () -> dlq(workers.get(1), "").path("records").size() == 2);
    }

    @AfterAll
    void stopWorkers() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
    }

    @Test
    @Order(1)
    void eitherWorkerListsTheQueueWithTheErrorHeadersDecoded() {
        for (WorkerProcess worker : workers) {
            JsonNode page = dlq(worker, "");
            assertThat(page.path("topic").asText()).isEqualTo(DLQ);
            assertThat(page.path("context_headers").asBoolean()).isTrue();
            assertThat(page.path("partitions").get(0).path("start_offset").asLong()).isZero();
            assertThat(page.path("partitions").get(0).path("end_offset").asLong()).isEqualTo(2);
            JsonNode records = page.path("records");
            Set<String> values = new HashSet<>();
            records.forEach(r -> values.add(r.path("value").asText()));
            assertThat(values).containsExactlyInAnyOrder("{broken json", "[1,2");
            JsonNode broken = records.get(0).path("value").asText().equals("{broken json") ? records.get(0) : records.get(1);
            assertThat(broken.path("key").asText()).isEqualTo("k2");
            assertThat(broken.path("value_encoding").asText()).isEqualTo("utf-8");
            assertThat(broken.path("headers")).extracting(h -> h.path("key").asText()).containsExactly("trace-id");
            JsonNode error = broken.path("error");
            assertThat(error.path("topic").asText()).isEqualTo(TOPIC);
            assertThat(error.path("partition").asInt()).isEqualTo(1);
            assertThat(error.path("offset").asLong()).isZero();
            assertThat(error.path("connector").asText()).isEqualTo("dlq-api-sink");
            assertThat(error.path("stage").asText()).isEqualTo("VALUE_CONVERTER");
            assertThat(error.path("class").asText()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
            assertThat(error.path("exception").asText()).isEqualTo("org.apache.kafka.connect.errors.DataException");
            assertThat(error.path("message").asText()).isNotBlank();
            assertThat(error.path("stacktrace").asText()).contains("DataException").contains("\tat ");
        }
    }

    @Test
    @Order(2)
    void pagesByOffset() {
        JsonNode first = dlq(workers.get(0), "?partition=0&offset=0&limit=1");
        assertThat(first.path("records")).hasSize(1);
        assertThat(first.path("records").get(0).path("offset").asLong()).isZero();
        assertThat(first.path("previous_offset").isNull()).isTrue();
        assertThat(first.path("next_offset").asLong()).isEqualTo(1);

        JsonNode second = dlq(workers.get(0), "?partition=0&offset=1&limit=1");
        assertThat(second.path("records").get(0).path("offset").asLong()).isEqualTo(1);
        assertThat(second.path("previous_offset").asLong()).isZero();
    }

    @Test
    @Order(3)
    void replaySendsTheRecordBackToItsTopicAndPartitionWithoutTheErrorHeaders() throws Exception {
        JsonNode records = dlq(workers.get(1), "").path("records");
        JsonNode broken = records.get(0).path("value").asText().equals("{broken json") ? records.get(0) : records.get(1);
        long dlqOffset = broken.path("offset").asLong();

        HttpResponse<String> replayed = workers.get(1).post("/connectors/dlq-api-sink/dlq/replay",
                "{\"records\": [{\"partition\": 0, \"offset\": " + dlqOffset + "}]}");

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(replayed.body());
        JsonNode where = answer.path("replayed").get(0);
        assertThat(where.path("dlq_offset").asLong()).isEqualTo(dlqOffset);
        assertThat(where.path("topic").asText()).isEqualTo(TOPIC);
        assertThat(where.path("partition").asInt()).isEqualTo(1);
        assertThat(where.path("offset").asLong()).isEqualTo(1);
        assertThat(answer.path("message").asText()).contains("Replayed 1 record(s)").contains(TOPIC + "-1@1");

        ConsumerRecord<byte[], byte[]> copy = read(TOPIC, 1, 1);
        assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{broken json");
        List<String> headerKeys = new ArrayList<>();
        for (Header h : copy.headers()) {
            headerKeys.add(h.key());
        }
        assertThat(headerKeys).containsExactly("trace-id");
        // The connector consumed it again (and, the cause not being fixed, dead-lettered it again).
        workers.get(0).await(Duration.ofSeconds(60), "the replayed record back in the DLQ",
                () -> dlq(workers.get(0), "").path("partitions").get(0).path("end_offset").asLong() == 3);
        JsonNode again = dlq(workers.get(0), "?offset=2").path("records").get(0).path("error");
        assertThat(again.path("partition").asInt()).isEqualTo(1);
        assertThat(again.path("offset").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void refusesWhatItCannotDoWithApachesErrorShape() throws Exception {
        WorkerProcess worker = workers.get(0);
        HttpResponse<String> unknownOffset = worker.post("/connectors/dlq-api-sink/dlq/replay",
                "{\"records\": [{\"partition\": 0, \"offset\": 0}, {\"partition\": 0, \"offset\": 99}]}");
        assertThat(unknownOffset.statusCode()).isEqualTo(400);
        assertThat(error(unknownOffset)).contains("partition 0 offset 99").contains("Nothing was replayed");

        HttpResponse<String> noRecords = worker.post("/connectors/dlq-api-sink/dlq/replay", "{}");
        assertThat(noRecords.statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = worker.get("/connectors/nope/dlq");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown)).contains("nope");

        HttpResponse<String> badOffset = worker.get("/connectors/dlq-api-sink/dlq?offset=abc");
        assertThat(badOffset.statusCode()).isEqualTo(400);

        HttpResponse<String> created = worker.post("/connectors", """
                {"name": "no-dlq-sink", "config": {"connector.class": "FileStreamSink", "file": "/dev/null",
                  "topics": "%s"}}""".formatted(TOPIC));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> noQueue = worker.get("/connectors/no-dlq-sink/dlq");
        assertThat(noQueue.statusCode()).isEqualTo(400);
        assertThat(error(noQueue)).contains("errors.deadletterqueue.topic.name");
        worker.delete("/connectors/no-dlq-sink");
    }

    @Test
    @Order(5)
    void seriesOfEveryTaskComeFromWhicheverWorkerIsAsked() throws Exception {
        JsonNode status = workers.get(0).json("/connectors/dlq-api-sink/status");
        Map<Integer, String> placement = new HashMap<>();
        status.path("tasks").forEach(t -> placement.put(t.path("id").asInt(), t.path("worker_id").asText()));
        for (WorkerProcess worker : workers) {
            JsonNode[] series = new JsonNode[1];
            worker.await(Duration.ofSeconds(30), "a second sample of both tasks", () -> {
                series[0] = worker.json("/connectors/dlq-api-sink/metrics/series");
                return series[0].path("tasks").size() == 2
                        && series[0].path("tasks").get(0).path("times").size() >= 2
                        && series[0].path("tasks").get(1).path("times").size() >= 2;
            });
            JsonNode body = series[0];
            assertThat(body.path("interval_ms").asLong()).isEqualTo(5000);
            assertThat(body.path("unreachable_workers")).isEmpty();
            for (JsonNode task : body.path("tasks")) {
                assertThat(task.path("worker_id").asText()).isEqualTo(placement.get(task.path("task").asInt()));
                assertThat(task.path("type").asText()).isEqualTo("sink");
                assertThat(task.path("values").path("records_in_per_sec")).hasSize(task.path("times").size());
                assertThat(task.path("values").has("lag_records")).isTrue();
            }
        }
        assertThat(workers.get(0).get("/connectors/nope/metrics/series").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void restartHistoryListsThePolicysDecisionsFromWhicheverWorkerIsAsked() throws Exception {
        broker.createTopic("dlq-api-strict", 1, Map.of());
        HttpResponse<String> created = workers.get(1).post("/connectors", """
                {"name": "restarting-sink", "config": {"connector.class": "FileStreamSink", "file": "/dev/null",
                  "topics": "dlq-api-strict", "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false", "ferry.restart.enabled": "true",
                  "ferry.restart.max.attempts": "1", "ferry.restart.backoff.initial.ms": "100"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("dlq-api-strict", "{broken".getBytes(StandardCharsets.UTF_8))).get();
        }
        for (WorkerProcess worker : workers) {
            JsonNode[] body = new JsonNode[1];
            worker.await(Duration.ofSeconds(60), "scheduled, restarted, gave up", () -> {
                body[0] = worker.json("/connectors/restarting-sink/restarts");
                return body[0].path("events").size() >= 3;
            });
            JsonNode events = body[0].path("events");
            assertThat(events).extracting(e -> e.path("kind").asText())
                    .containsExactly("scheduled", "restarted", "gave_up");
            assertThat(events.get(0).path("task").asInt()).isZero();
            assertThat(events.get(0).path("attempt").asInt()).isEqualTo(1);
            assertThat(events.get(0).path("max_attempts").asInt()).isEqualTo(1);
            assertThat(events.get(0).path("restart_at").asLong()).isGreaterThan(events.get(0).path("time").asLong());
            String runner = worker.json("/connectors/restarting-sink/status").path("tasks").get(0).path("worker_id")
                    .asText();
            assertThat(events.get(2).path("worker_id").asText()).isEqualTo(runner);
        }
        assertThat(workers.get(0).json("/connectors/dlq-api-sink/restarts").path("events")).isEmpty();
        workers.get(0).delete("/connectors/restarting-sink");
    }

    private JsonNode dlq(WorkerProcess worker, String query) {
        HttpResponse<String> r = worker.get("/connectors/dlq-api-sink/dlq" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static String error(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error_code").asInt()).isEqualTo(r.statusCode());
        return body.path("message").asText();
    }

    private void produce(int partition, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, partition,
                    key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
            record.headers().add("trace-id", ("t-" + key).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private ConsumerRecord<byte[], byte[]> read(String topic, int partition, long offset) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + topic + "-" + partition + "@" + offset);
    }
}

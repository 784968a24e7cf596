package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once source support (KIP-618) on a two-worker Ferry cluster with
 * {@code exactly.once.source.support=enabled}, end to end: a two-task {@link SequenceSourcePlugin}
 * connector writes two source partitions of 30,000 records each (the system property
 * {@code ferry.eos.records} sets another count, a multiple of {@value #TRANSACTION_RECORDS} so that the last
 * connector-defined transaction closes, e.g. 500000 for the 1 M-record run) while one worker is
 * killed with SIGKILL, and a {@code read_committed} consumer then sees every record exactly once,
 * in order per source partition. One test kills the worker running task 0, one kills the leader
 * (whose successor must claim the config topic's transactional writer); each checks that the kill
 * landed while records were still to come. One adds a third task
 * mid-transfer: the new generation starts only after the leader fenced the two producers of the
 * old one and wrote the task-count record 3 after Ferry's first record 2. The last checks that with
 * {@code transaction.boundary=connector} every transaction holds exactly the records the
 * connector put in it: in the data partition each commit marker takes the offset after a full
 * transaction, so the records' offsets skip one after every {@value #TRANSACTION_RECORDS}; its
 * offsets are then reset through the REST API, which fences the connector first.
 */
@WithKafka
class ExactlyOnceFailoverIT {
    private static final int RECORDS = Integer.getInteger("ferry.eos.records", 30_000);
    private static final int TRANSACTION_RECORDS = 250;
    private static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<WorkerProcess> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
    }

    @Test
    void workerRunningATaskKilled_midTransfer_everyRecordOnceInOrder(KafkaBroker broker) throws Exception {
        String topic = "eos-task-kill";
        startCluster(broker, "eos-task-kill", topic);
        WorkerProcess any = workers.get(0);
        createSequence(any, "eos-task-kill-src", topic, Map.of());
        JsonNode status = any.awaitState("eos-task-kill-src", "RUNNING", 2, STEP);

        String victimId = status.path("tasks").get(0).path("worker_id").asText();
        WorkerProcess victim = workers.stream().filter(w -> w.workerId().equals(victimId)).findFirst().orElseThrow();
        awaitCommitted(broker, topic, RECORDS / 2, any);
        victim.kill9();
        workers.remove(victim);
        // the dead worker's task commits nothing more until the survivor takes it over a session timeout later
        assertThat(readCommitted(broker, topic).stream().filter(r -> r.key().equals("p0")).count())
                .as("records of task 0's source partition committed when its worker died").isLessThan(RECORDS);

        assertExactlyOnceInOrder(broker, topic, workers.get(0));
    }

    @Test
    void leaderKilled_midTransfer_everyRecordOnceInOrder(KafkaBroker broker) throws Exception {
        String topic = "eos-leader-kill";
        startCluster(broker, "eos-leader-kill", topic);
        WorkerProcess any = workers.get(0);
        createSequence(any, "eos-leader-kill-src", topic, Map.of());
        any.awaitState("eos-leader-kill-src", "RUNNING", 2, STEP);

        String leaderUrl = any.json("/workers").path("leader").asText();
        WorkerProcess leader = workers.stream().filter(w -> leaderUrl.contains(":" + w.port)).findFirst().orElseThrow();
        awaitCommitted(broker, topic, RECORDS / 2, any);
        leader.kill9();
        workers.remove(leader);
        assertThat(readCommitted(broker, topic)).as("records committed when the leader died")
                .hasSizeLessThan(2 * RECORDS);

        assertExactlyOnceInOrder(broker, topic, workers.get(0));
    }

    @Test
    void tasksAddedMidTransfer_startOnlyAfterTheLeaderFencedTheOldGeneration(KafkaBroker broker) throws Exception {
        String topic = "eos-reconfigure";
        startCluster(broker, "eos-reconfigure", topic);
        WorkerProcess any = workers.get(0);
        createSequence(any, "eos-reconfigure-src", topic, Map.of());
        any.awaitState("eos-reconfigure-src", "RUNNING", 2, STEP);
        awaitCommitted(broker, topic, RECORDS / 2, any);

        // a follower (workers.get(1) may lead; either way the write reaches the leader) adds a third task
        HttpResponse<String> patched = workers.get(1).patch("/connectors/eos-reconfigure-src/config",
                "{\"tasks.max\":\"3\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        assertExactlyOnceInOrder(broker, topic, any, "p0", "p1", "p2");
        List<String> taskCounts = new ArrayList<>();
        for (TopicRecords.Raw r : TopicRecords.read(broker, "eos-reconfigure-configs")) {
            if ("tasks-fencing-eos-reconfigure-src".equals(r.keyText())) {
                taskCounts.add(r.valueText());
            }
        }
        assertThat(taskCounts).as("task-count records").containsExactly("{\"task-count\":2}", "{\"task-count\":3}");
        assertThat(workers.stream().map(WorkerProcess::logText).filter(log -> log.contains(
                "Fencing the 2 task producer(s) of connector eos-reconfigure-src")).count())
                .as("workers whose log says they fenced the first generation").isEqualTo(1);
    }

    @Test
    void connectorDefinedBoundaries_areTheTransactions(KafkaBroker broker) throws Exception {
        String topic = "eos-boundaries";
        startCluster(broker, "eos-boundaries", topic);
        WorkerProcess any = workers.get(0);
        // Nothing is killed here, so the records may come as fast as the transactions allow.
        createSequence(any, "eos-boundaries-src", topic, Map.of("transaction.boundary", "connector",
                "transaction.records", Integer.toString(TRANSACTION_RECORDS), "records.per.poll", "170",
                "poll.interval.ms", "2"));

        Map<String, List<Long>> offsets = assertExactlyOnceInOrder(broker, topic, any);

        // one topic partition per source partition here; a commit marker follows each transaction
        for (Map.Entry<String, List<Long>> partition : offsets.entrySet()) {
            List<Long> positions = partition.getValue();
            for (int i = 0; i < positions.size(); i++) {
                long expected = i + i / TRANSACTION_RECORDS;
                assertThat(positions.get(i)).as("offset of record %d of %s", i, partition.getKey()).isEqualTo(expected);
            }
        }

        // the offsets API on an exactly-once source: a round of fencing, then the reset
        assertThat(any.put("/connectors/eos-boundaries-src/stop", "").statusCode()).isEqualTo(204);
        any.awaitState("eos-boundaries-src", "STOPPED", 0, STEP);
        HttpResponse<String> reset = any.delete("/connectors/eos-boundaries-src/offsets");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(any.json("/connectors/eos-boundaries-src/offsets").path("offsets")).as("offsets after the reset")
                .isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void startCluster(KafkaBroker broker, String group, String topic) throws Exception {
        broker.createTopic(topic, 3, Map.of());
        Path plugins = dir.resolve("plugins");
        SequenceSourcePlugin.build(plugins.resolve("sequence-source"));
        Map<String, String> extra = Map.of(
                "exactly.once.source.support", "enabled",
                "plugin.path", plugins.toString(),
                "session.timeout.ms", "6000",
                "heartbeat.interval.ms", "1000");
        List<WorkerProcess.Start> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path workerDir = dir.resolve("worker-" + i);
            starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), group, extra));
        }
        workers.addAll(WorkerProcess.startTogether(starts));
    }

    /** A two-task sequence source; each task writes its records to the topic partition of its index. */
    private static void createSequence(WorkerProcess worker, String name, String topic, Map<String, String> extra) {
        Map<String, String> config = new TreeMap<>(Map.of(
                "connector.class", SequenceSourcePlugin.CONNECTOR_CLASS,
                "tasks.max", "2",
                "topic", topic,
                "records", Integer.toString(RECORDS),
                "records.per.poll", "200",
                "poll.interval.ms", "20",
                "exactly.once.support", "required"));
        config.putAll(extra);
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"config\":{");
        config.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
        json.setLength(json.length() - 1);
        json.append("}}");
        HttpResponse<String> created = worker.post("/connectors", json.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Waits until a read_committed reader sees at least {@code count} records in the topic. */
    private static void awaitCommitted(KafkaBroker broker, String topic, int count, WorkerProcess worker) {
        worker.await(STEP, count + " committed records", () -> readCommitted(broker, topic).size() >= count);
    }

    /**
     * Waits for both source partitions' last records, then checks that the committed records of
     * each are exactly 0..RECORDS-1 in order; returns each source partition's record offsets.
     */
    private static Map<String, List<Long>> assertExactlyOnceInOrder(KafkaBroker broker, String topic,
                                                                    WorkerProcess survivor) {
        return assertExactlyOnceInOrder(broker, topic, survivor, "p0", "p1");
    }

    private static Map<String, List<Long>> assertExactlyOnceInOrder(KafkaBroker broker, String topic,
                                                                    WorkerProcess survivor, String... sources) {
        String last = String.format("%07d", RECORDS - 1);
        List<ConsumerRecord<String, String>>[] records = new List[1];
        survivor.await(Duration.ofSeconds(90), "the last record of every source partition", () -> {
            records[0] = readCommitted(broker, topic);
            return records[0].stream().filter(r -> r.value().endsWith(":" + last)).count() >= sources.length;
        });
        Map<String, List<String>> values = new TreeMap<>();
        Map<String, List<Long>> offsets = new TreeMap<>();
        for (ConsumerRecord<String, String> record : readCommitted(broker, topic)) {
            values.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
            offsets.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.offset());
        }
        assertThat(values.keySet()).containsExactly(sources);
        for (Map.Entry<String, List<String>> partition : values.entrySet()) {
            List<String> seen = partition.getValue();
            assertThat(seen).as("records of %s", partition.getKey()).hasSize(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                String expected = partition.getKey() + ":" + String.format("%07d", i);
                if (!seen.get(i).equals(expected)) {
                    throw new AssertionError("Record " + i + " of " + partition.getKey() + " is " + seen.get(i)
                            + ", expected " + expected);
                }
            }
        }
        return offsets;
    }

    /** Every committed record of the topic, partition by partition, read up to the last stable offset. */
    private static List<ConsumerRecord<String, String>> readCommitted(KafkaBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("isolation.level", "read_committed");
        config.put("max.poll.records", "10000");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }
}

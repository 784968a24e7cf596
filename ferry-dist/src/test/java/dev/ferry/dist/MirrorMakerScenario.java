package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.mirror.Checkpoint;
import org.apache.kafka.connect.mirror.Heartbeat;
import org.apache.kafka.connect.mirror.RemoteClusterUtils;

/**
 * One MirrorMaker 2 replication, as an Apache user sets it up on a Connect cluster: a topic of three partitions and a
 * consumer group on the source cluster, MirrorMaker's three connectors created over REST on a Ferry worker whose
 * Kafka is the target cluster, and the checks that everything MirrorMaker promises arrived:
 * <ul>
 *   <li>every record in the remote topic ({@code <source alias>.<topic>}), in its partition and order, with its key,
 *       value, headers and create time;</li>
 *   <li>heartbeats in the target's {@code heartbeats} topic and checkpoints in {@code <source alias>.checkpoints.internal};</li>
 *   <li>the group's source offsets translated to target offsets, by {@link RemoteClusterUtils} from the checkpoints
 *       and as group offsets written on the target ({@code sync.group.offsets.enabled}).</li>
 * </ul>
 * The source partitions' first records are deleted before the test records are written, so upstream and downstream
 * offsets differ and the translation is a real one (upstream 17 is downstream 12, ...).
 *
 * <p>Each scenario has its own aliases, topic and group, so several can share the two brokers.
 */
final class MirrorMakerScenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTOR_PACKAGE = "org.apache.kafka.connect.mirror.";
    /** Records deleted from the head of every source partition before the test records are written. */
    private static final int PRUNED = 5;
    /** Test records per source partition: different counts, so a partition mix-up shows. */
    private static final int[] RECORDS = {12, 8, 5};
    private static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    final String sourceAlias;
    final String targetAlias;
    final String topic;
    final String group;
    private final KafkaBroker source;
    private final KafkaBroker target;
    private final List<Sent> sent = new ArrayList<>();

    /** One record written to the source. */
    private record Sent(int partition, String key, String value, long timestamp, Map<String, String> headers) {
    }

    MirrorMakerScenario(String name, KafkaBroker source, KafkaBroker target) {
        this.sourceAlias = name + "-east";
        this.targetAlias = name + "-west";
        this.topic = name + "-orders";
        this.group = name + "-billing";
        this.source = source;
        this.target = target;
    }

    /** The plugin.path directory holding only Apache's connect-mirror and connect-mirror-client jars. */
    static Path userPluginPath() {
        String path = System.getProperty("mirror.plugin.path");
        assertThat(path).as("mirror.plugin.path (set by the ferry-dist pom)").isNotNull();
        return Path.of(path);
    }

    String remoteTopic() {
        return sourceAlias + "." + topic;
    }

    /**
     * Writes the topic's records to the source (after pruning the head of every partition) and commits the group's
     * offsets at each partition's end.
     */
    void prepareSource() throws Exception {
        source.createTopic(topic, RECORDS.length);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(byteProducerConfig(source))) {
            for (int p = 0; p < RECORDS.length; p++) {
                for (int i = 0; i < PRUNED; i++) {
                    producer.send(new ProducerRecord<>(topic, p, bytes("pruned-" + i), bytes("gone")));
                }
            }
            producer.flush();
            try (Admin admin = Admin.create(source.adminConfig())) {
                Map<TopicPartition, RecordsToDelete> prune = new HashMap<>();
                for (int p = 0; p < RECORDS.length; p++) {
                    prune.put(new TopicPartition(topic, p), RecordsToDelete.beforeOffset(PRUNED));
                }
                admin.deleteRecords(prune).all().get();
            }
            for (int p = 0; p < RECORDS.length; p++) {
                for (int i = 0; i < RECORDS[p]; i++) {
                    send(producer, p);
                }
            }
            producer.flush();
        }
        Map<String, Object> consumerConfig = new HashMap<>(source.consumerConfig());
        consumerConfig.put("group.id", group);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.commitSync(upstreamEnds());
        }
    }

    /** Writes {@code perPartition} more records to every partition of the source topic. */
    void writeMore(int perPartition) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(byteProducerConfig(source))) {
            for (int p = 0; p < RECORDS.length; p++) {
                for (int i = 0; i < perPartition; i++) {
                    send(producer, p);
                }
            }
        }
    }

    /** Sends the next test record to partition {@code p}: key, value, headers and create time all numbered. */
    private void send(KafkaProducer<byte[], byte[]> producer, int p) {
        int n = sent.size();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("trace", "t-" + n);
        headers.put("origin", "p" + p);
        Sent record = new Sent(p, "key-" + n, "value-" + n, BASE_TIMESTAMP + 1000L * n, headers);
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((k, v) -> kafkaHeaders.add(k, bytes(v)));
        producer.send(new ProducerRecord<>(topic, p, record.timestamp(), bytes(record.key()), bytes(record.value()),
                kafkaHeaders));
        sent.add(record);
    }

    /** The three connectors' configs, by connector name. */
    Map<String, Map<String, String>> connectors() {
        Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
        Map<String, String> source = common("MirrorSourceConnector");
        source.put("tasks.max", "2");
        // the topic and any created later under a name that starts with it (assertLateTopicReplicated)
        source.put("topics", topic + ".*");
        source.put("replication.factor", "1");
        source.put("offset-syncs.topic.replication.factor", "1");
        source.put("sync.topic.acls.enabled", "false");
        source.put("refresh.topics.interval.seconds", "2");
        // every record's offsets are synced, so translation needs no rounding
        source.put("offset.lag.max", "0");
        connectors.put(sourceAlias + "-source", source);

        Map<String, String> checkpoint = common("MirrorCheckpointConnector");
        checkpoint.put("tasks.max", "1");
        checkpoint.put("topics", topic + ".*");
        checkpoint.put("groups", group);
        checkpoint.put("checkpoints.topic.replication.factor", "1");
        checkpoint.put("emit.checkpoints.interval.seconds", "1");
        checkpoint.put("refresh.groups.interval.seconds", "2");
        checkpoint.put("sync.group.offsets.enabled", "true");
        checkpoint.put("sync.group.offsets.interval.seconds", "1");
        connectors.put(sourceAlias + "-checkpoint", checkpoint);

        Map<String, String> heartbeat = common("MirrorHeartbeatConnector");
        heartbeat.put("tasks.max", "1");
        heartbeat.put("heartbeats.topic.replication.factor", "1");
        heartbeat.put("emit.heartbeats.interval.seconds", "1");
        connectors.put(sourceAlias + "-heartbeat", heartbeat);
        return connectors;
    }

    private Map<String, String> common(String connectorClass) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", CONNECTOR_PACKAGE + connectorClass);
        config.put("source.cluster.alias", sourceAlias);
        config.put("target.cluster.alias", targetAlias);
        config.put("source.cluster.bootstrap.servers", source.bootstrapServers());
        config.put("target.cluster.bootstrap.servers", target.bootstrapServers());
        // raw bytes through the worker, as MirrorMaker's documentation has it
        for (String converter : List.of("key.converter", "value.converter", "header.converter")) {
            config.put(converter, "org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        return config;
    }

    /** Creates the three connectors through {@code worker}'s REST API and waits until they and their tasks run. */
    void createConnectors(WorkerProcess worker) throws Exception {
        for (Map.Entry<String, Map<String, String>> connector : connectors().entrySet()) {
            HttpResponse<String> created = worker.put("/connectors/" + connector.getKey() + "/config",
                    JSON.writeValueAsString(connector.getValue()));
            assertThat(created.statusCode()).as("PUT %s: %s", connector.getKey(), created.body()).isEqualTo(201);
        }
        awaitRunning(worker);
    }

    /** Waits until the three connectors and their tasks run on {@code worker}'s cluster. */
    void awaitRunning(WorkerProcess worker) {
        for (String name : connectors().keySet()) {
            worker.awaitState(name, "RUNNING", 1, Duration.ofSeconds(60));
        }
    }

    /** Every record arrived in the remote topic, in its partition and order, with key, value, headers and time intact. */
    void assertReplicated(WorkerProcess worker) {
        List<ConsumerRecord<byte[], byte[]>>[] replicated = new List[1];
        worker.await(Duration.ofSeconds(60), sent.size() + " records in " + remoteTopic(), () -> {
            replicated[0] = readAll(target, remoteTopic());
            return replicated[0].size() >= sent.size();
        });
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (Sent record : sent) {
            expected.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.partition() + " "
                    + record.key() + "=" + record.value() + " @" + record.timestamp() + " CreateTime " + record.headers());
        }
        Map<Integer, List<String>> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : replicated[0]) {
            actual.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(describe(record));
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static String describe(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        String type = record.timestampType() == TimestampType.CREATE_TIME ? "CreateTime" : record.timestampType().name;
        return record.partition() + " " + text(record.key()) + "=" + text(record.value()) + " @" + record.timestamp()
                + " " + type + " " + headers;
    }

    /**
     * A topic created on the source after MirrorMaker started, matching its {@code topics}, is found at the next
     * topic refresh: the source connector asks the worker to reconfigure its tasks, and the topic's records arrive.
     */
    void assertLateTopicReplicated(WorkerProcess worker) throws Exception {
        String late = topic + "-late";
        source.createTopic(late, 2);
        List<String> expected = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(byteProducerConfig(source))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(late, i % 2, bytes("late-" + i), bytes("v" + i)));
                expected.add(i % 2 + " late-" + i);
            }
        }
        String remote = sourceAlias + "." + late;
        List<String>[] arrived = new List[1];
        worker.await(Duration.ofSeconds(60), "10 records in " + remote + " (a topic created after the start)", () -> {
            arrived[0] = readAll(target, remote).stream().map(r -> r.partition() + " " + text(r.key())).toList();
            return arrived[0].size() >= expected.size();
        });
        assertThat(arrived[0]).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Heartbeats from this source to this target arrive in the target's heartbeats topic. */
    void assertHeartbeats(WorkerProcess worker) {
        worker.await(Duration.ofSeconds(60), "heartbeats " + sourceAlias + "->" + targetAlias + " on the target", () ->
                readAll(target, "heartbeats").stream().map(Heartbeat::deserializeRecord).anyMatch(
                        h -> h.sourceClusterAlias().equals(sourceAlias) && h.targetClusterAlias().equals(targetAlias)));
    }

    /**
     * The group's checkpoints arrive on the target for every partition, and its committed source offsets (each
     * partition's end) translate to the remote topic's ends: through RemoteClusterUtils, which reads the
     * checkpoints, and as the group's own offsets on the target.
     */
    void assertOffsetsTranslated(WorkerProcess worker) throws Exception {
        Map<TopicPartition, Long> expected = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        for (int p = 0; p < RECORDS.length; p++) {
            expected.put(new TopicPartition(remoteTopic(), p), (long) RECORDS[p]);
        }
        String checkpoints = sourceAlias + ".checkpoints.internal";
        worker.await(Duration.ofSeconds(60), "checkpoints of " + group + " for every partition in " + checkpoints, () ->
                readAll(target, checkpoints).stream().map(Checkpoint::deserializeRecord)
                        .filter(c -> c.consumerGroupId().equals(group)).map(Checkpoint::topicPartition)
                        .collect(Collectors.toSet()).containsAll(expected.keySet()));

        Map<String, Object> targetClient = new HashMap<>(target.adminConfig());
        Map<TopicPartition, Long>[] translated = new Map[1];
        worker.await(Duration.ofSeconds(60), group + "'s offsets translated by RemoteClusterUtils to " + expected, () -> {
            translated[0] = offsets(RemoteClusterUtils.translateOffsets(targetClient, sourceAlias, group,
                    Duration.ofSeconds(10)));
            return translated[0].equals(expected);
        });
        assertThat(translated[0]).isEqualTo(expected);

        try (Admin admin = Admin.create(target.adminConfig())) {
            worker.await(Duration.ofSeconds(60), group + "'s offsets synced on the target as " + expected, () ->
                    offsets(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()).equals(expected));
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> upstreamEnds() {
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        for (int p = 0; p < RECORDS.length; p++) {
            ends.put(new TopicPartition(topic, p), new OffsetAndMetadata(PRUNED + RECORDS[p]));
        }
        return ends;
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> plain = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(remoteTopic()) && offset != null) {
                plain.put(tp, offset.offset());
            }
        });
        return plain;
    }

    /** Every record of a topic, from the beginning to the end offsets of the moment of the call. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.remove("group.id");
        config.put("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to " + ends + " within 10 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static Map<String, Object> byteProducerConfig(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        return config;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

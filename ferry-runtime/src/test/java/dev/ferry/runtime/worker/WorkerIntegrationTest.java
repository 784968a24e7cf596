package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.CountingSourceTask;
import dev.ferry.runtime.worker.fixtures.LineFileSinkConnector;
import dev.ferry.runtime.worker.fixtures.NumberConverter;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker against a real broker, with test connectors loaded from a plugin directory: records
 * flow from a source task to Kafka and from Kafka to a sink task, offsets are stored, and bad
 * records are skipped into a dead letter queue or fail the task.
 */
@WithKafka
class WorkerIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private KafkaBroker broker;
    private RecordingStatusListener listener;
    private FileOffsetBackingStore offsets;
    private Worker worker;

    @BeforeEach
    void startWorker(KafkaBroker broker) {
        this.broker = broker;
        Plugins plugins = FixturePluginDirectory.plugins();
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        listener = new RecordingStatusListener();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        worker = new Worker("test-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), listener, Time.SYSTEM);
    }

    @AfterEach
    void stopWorker() {
        worker.close();
        offsets.close();
    }

    @Test
    void sourceTask_writesItsRecordsToTheTopic_andFlushesTheirOffsetsInApachesFormat() {
        broker.createTopic("counting-out", 1);
        ConnectorTaskId task = startConnectorAndTask(Map.of("name", "counting",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "counting-out",
                "records", "25"));

        assertThat(consumeValues("counting-out", 25))
                .containsExactlyElementsOf(LongStream.range(0, 25).mapToObj(Long::toString).toList());
        ByteBuffer key = OffsetCodec.key("counting", CountingSourceTask.PARTITION);
        Await.until(() -> storedPosition(key) == 24L, TIMEOUT,
                () -> "offset position 24 to be flushed, but it is " + storedPosition(key));
        assertThat(listener.topicsUsed()).contains("counting-0:counting-out");

        worker.stopAndAwaitTasks(List.of(task));
        listener.awaitTask(task, State.UNASSIGNED);
    }

    @Test
    void sourceTask_createsItsTopicAsTheTopicCreationGroupsSay() throws Exception {
        startConnectorAndTask(Map.of("name", "creating",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "created-by-task",
                "records", "3", "topic.creation.default.partitions", "3",
                "topic.creation.default.replication.factor", "1"));

        try (Admin admin = Admin.create(broker.adminConfig())) {
            // Wait through the admin client: a consumer asking for a missing topic could auto-create it.
            Await.until(() -> admin.listTopics().names().get().contains("created-by-task"), TIMEOUT,
                    () -> "the task to create topic created-by-task");
            assertThat(consumeValues("created-by-task", 3)).containsExactlyInAnyOrder("0", "1", "2");
            TopicDescription created = admin.describeTopics(List.of("created-by-task")).allTopicNames().get()
                    .get("created-by-task");
            assertThat(created.partitions()).hasSize(3);
        }
    }

    @Test
    void recordsTheProducerRejects_failTheSourceTask_whenErrorsAreNotTolerated() {
        broker.createTopic("too-big", 1);
        ConnectorTaskId task = startConnectorAndTask(Map.of("name", "too-big",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "too-big", "records", "3",
                "padding", "2000", "producer.override.max.request.size", "1000"));

        listener.awaitTask(task, State.FAILED);
        assertThat(listener.taskFailure(task)).hasMessage("Unrecoverable exception from producer send callback")
                .hasCauseInstanceOf(org.apache.kafka.common.errors.RecordTooLargeException.class);
    }

    @Test
    void recordsTheProducerRejects_areSkippedAndTheirOffsetsCommitted_whenErrorsAreTolerated() {
        broker.createTopic("too-big-tolerated", 1);
        startConnectorAndTask(Map.of("name", "too-big-tolerated",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "too-big-tolerated",
                "records", "3", "padding", "2000", "producer.override.max.request.size", "1000",
                "errors.tolerance", "all"));

        ByteBuffer key = OffsetCodec.key("too-big-tolerated", CountingSourceTask.PARTITION);
        Await.until(() -> Long.valueOf(2).equals(storedPosition(key)), TIMEOUT,
                () -> "offset position 2 to be flushed, but it is " + storedPosition(key));
    }

    @Test
    void sinkTask_receivesRecordsInPut_andCommitsTheirOffsets() throws Exception {
        broker.createTopic("lines-in", 1);
        produce("lines-in", "1", "2", "3");
        Path out = dir.resolve("lines.txt");

        startConnectorAndTask(Map.of("name", "lines", "connector.class", LineFileSinkConnector.class.getName(),
                "topics", "lines-in", "file", out.toString()));

        awaitLines(out, List.of("1", "2", "3"));
        try (Admin admin = Admin.create(broker.adminConfig())) {
            Await.until(() -> Long.valueOf(3).equals(
                    committedOffset(admin, "connect-lines", new TopicPartition("lines-in", 0))),
                    TIMEOUT, () -> "offset 3 to be committed for group connect-lines");
        }
    }

    @Test
    void sinkTask_getsTheSameBatchAgainAfterARetriableException() {
        broker.createTopic("retry-in", 1);
        produce("retry-in", "a", "b", "c");
        Path out = dir.resolve("retry.txt");

        startConnectorAndTask(Map.of("name", "retry", "connector.class", LineFileSinkConnector.class.getName(),
                "topics", "retry-in", "file", out.toString(), "retriable.failures", "3"));

        awaitLines(out, List.of("a", "b", "c"));
    }

    @Test
    void connectorAskingForMoreTasksThanTasksMax_failsWhenEnforced() {
        Map<String, String> config = Map.of("name", "greedy", "connector.class",
                CountingSourceConnector.class.getName(), "topic", "greedy-out", "records", "1", "tasks", "2");
        worker.startConnector("greedy", config, TargetState.STARTED);
        listener.awaitConnector("greedy", State.RUNNING);

        assertThatThrownBy(() -> worker.connectorTaskConfigs("greedy")).isInstanceOf(TooManyTasksException.class)
                .hasMessageContaining("generated 2 task configurations, more than its tasks.max of 1");
        listener.awaitConnector("greedy", State.FAILED);
    }

    @Test
    void malformedRecords_goToTheDeadLetterQueueWithTheirBytesAndContextHeaders_whileGoodOnesReachPut() {
        broker.createTopic("numbers-in", 1);
        produce("numbers-in", "1", "two", "3");
        Path out = dir.resolve("numbers.txt");
        Map<String, String> config = new LinkedHashMap<>(Map.of("name", "numbers",
                "connector.class", LineFileSinkConnector.class.getName(), "topics", "numbers-in",
                "file", out.toString(), "value.converter", NumberConverter.class.getName(),
                "errors.tolerance", "all", "errors.log.enable", "true",
                "errors.deadletterqueue.topic.name", "numbers-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        startConnectorAndTask(config);

        awaitLines(out, List.of("1", "3"));
        ConsumerRecord<byte[], byte[]> dead = consume("numbers-dlq", 1).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("two");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : dead.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsKeys("__connect.errors.exception.stacktrace")
                .containsEntry("__connect.errors.topic", "numbers-in")
                .containsEntry("__connect.errors.partition", "0")
                .containsEntry("__connect.errors.offset", "1")
                .containsEntry("__connect.errors.connector.name", "numbers")
                .containsEntry("__connect.errors.task.id", "0")
                .containsEntry("__connect.errors.stage", "VALUE_CONVERTER")
                .containsEntry("__connect.errors.class.name", NumberConverter.class.getName())
                .containsEntry("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException")
                .containsEntry("__connect.errors.exception.message", "'two' is not a number");
        assertThat(headers).hasSize(10);
    }

    @Test
    void recordsTheTaskReportsAsErrant_goToTheDeadLetterQueue() {
        broker.createTopic("errant-in", 1);
        produce("errant-in", "ok-1", "reject-me", "ok-2");
        Path out = dir.resolve("errant.txt");

        startConnectorAndTask(Map.of("name", "errant", "connector.class", LineFileSinkConnector.class.getName(),
                "topics", "errant-in", "file", out.toString(), "errant.value", "reject-me",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "errant-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1"));

        awaitLines(out, List.of("ok-1", "ok-2"));
        ConsumerRecord<byte[], byte[]> dead = consume("errant-dlq", 1).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("reject-me");
        assertThat(dead.headers().toArray()).isEmpty();
    }

    @Test
    void malformedRecord_withToleranceNone_failsTheTaskAndReportsTheTrace() {
        broker.createTopic("strict-in", 1);
        produce("strict-in", "1", "two");
        Path out = dir.resolve("strict.txt");

        ConnectorTaskId task = startConnectorAndTask(Map.of("name", "strict",
                "connector.class", LineFileSinkConnector.class.getName(), "topics", "strict-in",
                "file", out.toString(), "value.converter", NumberConverter.class.getName()));

        listener.awaitTask(task, State.FAILED);
        assertThat(listener.taskFailure(task)).hasMessageStartingWith("Tolerance exceeded in error handler")
                .hasRootCauseMessage("For input string: \"two\"");
    }

    @Test
    void taskStartedPaused_writesOnlyOnceResumed_andPausesAgainWithItsConnector() {
        broker.createTopic("paused-out", 1);
        Map<String, String> config = Map.of("name", "paused",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "paused-out", "records", "5");
        worker.startConnector("paused", config, TargetState.STARTED);
        listener.awaitConnector("paused", State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId("paused", 0);

        worker.startTask(task, config, worker.connectorTaskConfigs("paused").get(0), TargetState.PAUSED);
        listener.awaitTask(task, State.PAUSED);
        worker.setTargetState("paused", TargetState.STARTED);

        listener.awaitTask(task, State.RUNNING);
        assertThat(consumeValues("paused-out", 5)).containsExactly("0", "1", "2", "3", "4");
        worker.setTargetState("paused", TargetState.PAUSED);
        listener.awaitTask(task, State.PAUSED);
        listener.awaitConnector("paused", State.PAUSED);
    }

    private ConnectorTaskId startConnectorAndTask(Map<String, String> config) {
        String name = config.get("name");
        worker.startConnector(name, config, TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        List<Map<String, String>> taskConfigs = worker.connectorTaskConfigs(name);
        assertThat(taskConfigs).hasSize(1);
        assertThat(taskConfigs.get(0)).containsKey("task.class");
        ConnectorTaskId task = new ConnectorTaskId(name, 0);
        worker.startTask(task, config, taskConfigs.get(0), TargetState.STARTED);
        listener.awaitTaskReached(task, State.RUNNING);
        return task;
    }

    private Long storedPosition(ByteBuffer key) {
        ByteBuffer value = offsets.snapshot().get(key);
        Map<String, Object> offset = value == null ? null : OffsetCodec.decodeValue(value);
        return offset == null ? null : ((Number) offset.get("position")).longValue();
    }

    private static Long committedOffset(Admin admin, String group, TopicPartition partition) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return committed == null ? null : committed.offset();
        } catch (Exception e) {
            return null;
        }
    }

    private void produce(String topic, String... values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private List<String> consumeValues(String topic, int count) {
        return consume(topic, count).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig())) {
            Await.until(() -> !consumer.partitionsFor(topic).isEmpty(), TIMEOUT, () -> "topic " + topic);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            }, TIMEOUT, () -> count + " records in " + topic + ", got " + records.size());
        }
        return records;
    }

    private static void awaitLines(Path file, List<String> expected) {
        Await.until(() -> lines(file).equals(expected), TIMEOUT,
                () -> "lines " + expected + " in " + file + ", found " + lines(file));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}

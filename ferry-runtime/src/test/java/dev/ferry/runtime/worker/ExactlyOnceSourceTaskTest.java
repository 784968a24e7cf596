package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.worker.fixtures.TransactionalSourceConnector;
import dev.ferry.runtime.worker.fixtures.TransactionalSourceTask;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once source tasks (KIP-618) on distributed workers with
 * {@code exactly.once.source.support=enabled}, against a real broker: a {@code read_committed}
 * consumer sees every record once even when a second instance of the task takes over mid-way,
 * offsets travel in the records' transactions, the connector's own boundaries are respected,
 * and the transaction-size metrics count what was committed.
 */
@WithKafka
class ExactlyOnceSourceTaskTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private KafkaBroker broker;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String group;
    private String offsetsTopic;

    @BeforeEach
    void names(KafkaBroker broker) {
        this.broker = broker;
        String id = UUID.randomUUID().toString().substring(0, 8);
        group = "eos-" + id;
        offsetsTopic = "offsets-" + id;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void secondInstanceFencesTheFirst_andAReadCommittedConsumerSeesEveryRecordOnceInOrder() {
        broker.createTopic("eos-numbers", 1);
        Map<String, String> config = connector("numbers", "eos-numbers", 3000,
                Map.of("transaction.boundary", "interval", "transaction.boundary.interval.ms", "300",
                        "poll.delay.ms", "5"));
        RecordingStatusListener first = new RecordingStatusListener();
        Worker a = worker("worker-a", first);
        ConnectorTaskId task = start(a, first, config);
        Await.until(() -> readCommitted("eos-numbers", Duration.ofMillis(200)).size() >= 300, TIMEOUT,
                () -> "300 committed records");

        RecordingStatusListener second = new RecordingStatusListener();
        Worker b = worker("worker-b", second);
        long takeover = System.nanoTime();
        start(b, second, config);

        first.awaitTask(task, State.FAILED);
        // The zombie's status must not lag: its producer once waited 30 s to drain a doomed transaction.
        assertThat(Duration.ofNanos(System.nanoTime() - takeover)).isLessThan(Duration.ofSeconds(10));
        assertThat(first.taskFailure(task)).hasMessageContaining("fenced out")
                .hasMessageContaining("another instance of this task took over");
        Await.until(() -> readCommitted("eos-numbers", Duration.ofMillis(200)).size() >= 3000, TIMEOUT,
                () -> "3000 committed records");
        assertThat(readCommitted("eos-numbers", Duration.ofSeconds(1)))
                .containsExactlyElementsOf(IntStream.range(0, 3000).mapToObj(Integer::toString).toList());
    }

    @Test
    void recordsOfATransactionLeftOpen_areNeverVisible_andAreSentAgainByTheNextInstance() {
        broker.createTopic("eos-resend", 1);
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-s", listener);
        // With connector boundaries and a task that never asks for a commit, the transaction stays open.
        Map<String, String> config = connector("resend", "eos-resend", 20, Map.of("transaction.boundary", "connector"));
        ConnectorTaskId task = start(worker, listener, config);
        Await.until(() -> read("eos-resend", Duration.ofMillis(200), "read_uncommitted").size() >= 20, TIMEOUT,
                () -> "20 records written in the open transaction");
        assertThat(readCommitted("eos-resend", Duration.ofMillis(500))).isEmpty();
        worker.stopAndAwaitTasks(List.of(task));
        worker.stopAndAwaitConnector("resend");

        Map<String, String> again = new HashMap<>(config);
        again.put("plan", "per-record");
        start(worker, listener, again);

        Await.until(() -> readCommitted("eos-resend", Duration.ofMillis(200)).size() >= 20, TIMEOUT,
                () -> "20 committed records");
        assertThat(readCommitted("eos-resend", Duration.ofSeconds(1)))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(Integer::toString).toList());
        // The first instance's 20 records are still in the log, aborted: sent again, but never visible twice.
        assertThat(read("eos-resend", Duration.ofMillis(500), "read_uncommitted")).hasSize(40);
    }

    @Test
    void offsetsAreWrittenInTheRecordsTransactions_toTheWorkersOffsetsTopicInApachesFormat() {
        broker.createTopic("eos-offsets", 1);
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-o", listener);
        start(worker, listener, connector("offsets", "eos-offsets", 25, Map.of()));
        Await.until(() -> readCommitted("eos-offsets", Duration.ofMillis(200)).size() >= 25, TIMEOUT,
                () -> "25 committed records");

        ByteBuffer key = OffsetCodec.key("offsets", TransactionalSourceTask.PARTITION);
        Await.until(() -> lastOffset(offsetsTopic, key) == 24L, TIMEOUT,
                () -> "offset 24 in " + offsetsTopic + ", got " + lastOffset(offsetsTopic, key));
    }

    @Test
    void connectorBoundaries_abortedRecordsAreNeverVisible_butTheirOffsetsAreCommitted() {
        broker.createTopic("eos-aborts", 1);
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-c", listener);
        start(worker, listener, connector("aborts", "eos-aborts", 40,
                Map.of("transaction.boundary", "connector", "plan", "abort-first-half")));

        ByteBuffer key = OffsetCodec.key("aborts", TransactionalSourceTask.PARTITION);
        Await.until(() -> lastOffset(offsetsTopic, key) == 39L, TIMEOUT,
                () -> "offset 39 in " + offsetsTopic + ", got " + lastOffset(offsetsTopic, key));
        assertThat(readCommitted("eos-aborts", Duration.ofSeconds(1))).containsExactlyElementsOf(
                IntStream.range(0, 40).filter(n -> n % 10 >= 5).mapToObj(Integer::toString).toList());
    }

    @Test
    void connectorBoundaries_perRecordCommits_makeTransactionsOfOneRecord() {
        broker.createTopic("eos-each", 1);
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-r", listener);
        start(worker, listener, connector("each", "eos-each", 30,
                Map.of("transaction.boundary", "connector", "plan", "per-record")));

        Await.until(() -> readCommitted("eos-each", Duration.ofMillis(200)).size() >= 30, TIMEOUT,
                () -> "30 committed records");
        Await.until(() -> metric(worker, "each", "transaction-size-avg") == 1.0, TIMEOUT,
                () -> "transaction-size-avg 1");
        assertThat(metric(worker, "each", "transaction-size-min")).isEqualTo(1.0);
        assertThat(metric(worker, "each", "transaction-size-max")).isEqualTo(1.0);
    }

    @Test
    void pollBoundary_commitsEachBatch_andIntervalBoundary_commitsSeveralBatchesTogether() {
        broker.createTopic("eos-poll", 1);
        broker.createTopic("eos-interval", 1);
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-i", listener);
        start(worker, listener, connector("poll", "eos-poll", 100, Map.of()));
        start(worker, listener, connector("interval", "eos-interval", 400,
                Map.of("transaction.boundary", "interval", "transaction.boundary.interval.ms", "500",
                        "poll.delay.ms", "10")));

        Await.until(() -> readCommitted("eos-poll", Duration.ofMillis(200)).size() >= 100
                && readCommitted("eos-interval", Duration.ofMillis(200)).size() >= 400, TIMEOUT,
                () -> "every record committed");
        assertThat(metric(worker, "poll", "transaction-size-max")).isEqualTo(10.0);
        assertThat(metric(worker, "poll", "transaction-size-min")).isEqualTo(10.0);
        // ~50 records a second with 500 ms transactions: several batches of 10 per transaction.
        assertThat(metric(worker, "interval", "transaction-size-max")).isGreaterThan(10.0);
    }

    @Test
    void connectorsOwnOffsetsTopic_isCreated_holdsTheOffsets_andARestartedTaskContinuesFromIt() {
        broker.createTopic("eos-own", 1);
        String own = offsetsTopic + "-own";
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-t", listener);
        Map<String, String> config = connector("own", "eos-own", 25, Map.of("offsets.storage.topic", own));
        ConnectorTaskId task = start(worker, listener, config);
        ByteBuffer key = OffsetCodec.key("own", TransactionalSourceTask.PARTITION);
        Await.until(() -> lastOffset(own, key) != null && lastOffset(own, key) == 24L, TIMEOUT,
                () -> "offset 24 in the connector's own topic " + own);
        // Copied to the worker's topic once committed, as Apache does, for tools that read only that one.
        Await.until(() -> lastOffset(offsetsTopic, key) != null && lastOffset(offsetsTopic, key) == 24L, TIMEOUT,
                () -> "offset 24 copied to the worker's topic");

        worker.stopAndAwaitTasks(List.of(task));
        worker.stopAndAwaitConnector("own");
        Map<String, String> more = new HashMap<>(config);
        more.put("records", "50");
        start(worker, listener, more);
        Await.until(() -> readCommitted("eos-own", Duration.ofMillis(200)).size() >= 50, TIMEOUT,
                () -> "50 committed records");
        assertThat(readCommitted("eos-own", Duration.ofSeconds(1)))
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(Integer::toString).toList());
    }

    @Test
    void connectorsOwnOffsetsTopic_withoutExactlyOnce_isWrittenAndCopiedToTheWorkersTopic() {
        broker.createTopic("alo-own", 1);
        String own = offsetsTopic + "-own";
        RecordingStatusListener listener = new RecordingStatusListener();
        Worker worker = worker("worker-u", listener, false);
        Map<String, String> config = connector("alo", "alo-own", 25, Map.of("offsets.storage.topic", own,
                "exactly.once.support", "requested"));
        start(worker, listener, config);
        ByteBuffer key = OffsetCodec.key("alo", TransactionalSourceTask.PARTITION);
        Await.until(() -> lastOffset(own, key) != null && lastOffset(own, key) == 24L, TIMEOUT,
                () -> "offset 24 in the connector's own topic " + own);
        Await.until(() -> lastOffset(offsetsTopic, key) != null && lastOffset(offsetsTopic, key) == 24L, TIMEOUT,
                () -> "offset 24 in the worker's topic");
    }

    private Map<String, String> connector(String name, String topic, int records, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", TransactionalSourceConnector.class.getName());
        config.put("topic", topic);
        config.put("records", Integer.toString(records));
        config.put("exactly.once.support", "required");
        config.putAll(extra);
        return config;
    }

    private ConnectorTaskId start(Worker worker, RecordingStatusListener listener, Map<String, String> config) {
        String name = config.get("name");
        worker.startConnector(name, config, TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId(name, 0);
        worker.startTask(task, config, worker.connectorTaskConfigs(name).get(0), TargetState.STARTED);
        listener.awaitTaskReached(task, State.RUNNING);
        return task;
    }

    private Worker worker(String id, RecordingStatusListener listener) {
        return worker(id, listener, true);
    }

    private Worker worker(String id, RecordingStatusListener listener, boolean exactlyOnce) {
        DistributedConfig config = workerConfig(exactlyOnce);
        Admin admin = Admin.create(broker.adminConfig());
        toClose.add(admin);
        KafkaOffsetStore offsets = KafkaOffsetStore.fromConfig(config, id + "-", admin);
        offsets.start();
        toClose.add(offsets);
        Worker worker = new Worker(id, config, FixturePluginDirectory.plugins(),
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), listener, Time.SYSTEM);
        toClose.add(worker);
        return worker;
    }

    private DistributedConfig workerConfig(boolean exactlyOnce) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", group);
        props.put("exactly.once.source.support", exactlyOnce ? "enabled" : "disabled");
        props.put("offset.flush.interval.ms", "200");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", offsetsTopic);
        props.put("status.storage.topic", group + "-statuses");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("fetch.max.wait.ms", "50");
        return new DistributedConfig(props);
    }

    /** Every value a read_committed consumer finds in the topic, waiting {@code quiet} for more. */
    private List<String> readCommitted(String topic, Duration quiet) {
        return read(topic, quiet, "read_committed").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, Duration quiet, String isolation) {
        Map<String, Object> props = new HashMap<>(broker.consumerConfig());
        props.put("isolation.level", isolation);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline
                    || end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline + TIMEOUT.toNanos()) {
                consumer.poll(Duration.ofMillis(50)).forEach(records::add);
            }
        }
        return records;
    }

    /** The last position stored under {@code key} in a committed record of the topic, or null. */
    private Long lastOffset(String topic, ByteBuffer key) {
        Long position = null;
        for (ConsumerRecord<byte[], byte[]> record : read(topic, Duration.ofMillis(200), "read_committed")) {
            if (record.key() != null && ByteBuffer.wrap(record.key()).equals(key) && record.value() != null) {
                position = ((Number) OffsetCodec.decodeValue(ByteBuffer.wrap(record.value())).get("position"))
                        .longValue();
            }
        }
        return position;
    }

    private static double metric(Worker worker, String connector, String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : worker.metrics().registry().metrics().entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.name().equals(name) && metric.group().equals("source-task-metrics")
                    && connector.equals(metric.tags().get("connector"))) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }
}

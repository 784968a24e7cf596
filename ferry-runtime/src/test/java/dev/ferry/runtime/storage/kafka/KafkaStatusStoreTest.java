package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status store against a real broker: exact record bytes, read-back by another worker, safe writes, topics. */
@WithKafka
class KafkaStatusStoreTest {
    private static final String WORKER = "127.0.0.1:18083";
    private static final ConnectorTaskId TASK = new ConnectorTaskId("src1", 0);

    private KafkaBroker broker;
    private Admin admin;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        admin.close();
    }

    @Test
    void statusesAndTopics_areWrittenAsApacheWritesThem() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of("status.storage.partitions", "1"));
        KafkaStatusStore store = started(config, new FixedTime(1795459550578L));

        store.putConnector("src1", new InstanceStatus(State.RUNNING, WORKER, null, "4.3.1", 3));
        store.putTask(TASK, new InstanceStatus(State.FAILED, WORKER,
                "org.apache.kafka.connect.errors.ConnectException: boom\n\tat Example.run(Example.java:1)\n", null, 3));
        store.putTopic("src1", TASK, "t1");
        store.putTopic("src1", TASK, "t1");
        store.removeTask(TASK);
        store.resetTopics("src1");
        store.flush();

        assertThat(StoreTestSupport.readAll(broker, config.statusTopic()))
                .containsExactlyElementsOf(StoreTestSupport.golden("status-topic.golden"));
    }

    @Test
    void records_goToThePartitionApachesPartitionerPicks() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of("status.storage.partitions", "5"));
        KafkaStatusStore store = started(config, Time.SYSTEM);
        for (int i = 0; i < 10; i++) {
            store.putConnector("c" + i, running(1));
        }
        store.flush();

        List<ConsumerRecord<byte[], byte[]>> records = StoreTestSupport.records(broker, config.statusTopic());
        assertThat(records).hasSize(10);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(record.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(record.key())) % 5);
        }
    }

    @Test
    void ownWrite_isVisibleAtOnce_andAnotherWorkerReadsItBack() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaStatusStore writer = started(config, Time.SYSTEM);
        KafkaStatusStore reader = started(config, Time.SYSTEM);

        writer.putConnector("c", running(1));
        writer.putTask(new ConnectorTaskId("c", 1), running(1));
        writer.putTask(new ConnectorTaskId("c", 0), running(1));
        writer.putTopic("c", new ConnectorTaskId("c", 0), "orders");

        assertThat(writer.connector("c")).contains(running(1));
        StoreTestSupport.await("the other worker sees both tasks and the topic",
                () -> reader.tasks("c").size() == 2 && reader.topics("c").contains("orders"));
        assertThat(reader.connector("c")).contains(running(1));
        assertThat(reader.tasks("c")).extracting(Map.Entry::getKey)
                .containsExactly(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1));
        assertThat(reader.connectors()).containsExactly("c");

        KafkaStatusStore restarted = started(config, Time.SYSTEM);
        assertThat(restarted.connector("c")).contains(running(1));
        assertThat(restarted.tasks("c")).hasSize(2);
        assertThat(restarted.topics("c")).containsExactly("orders");
    }

    @Test
    void removedConnector_disappearsForEveryWorker() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaStatusStore writer = started(config, Time.SYSTEM);
        KafkaStatusStore reader = started(config, Time.SYSTEM);
        writer.putConnector("c", running(1));
        writer.putTask(new ConnectorTaskId("c", 0), running(1));
        StoreTestSupport.await("the other worker sees the task", () -> reader.task(new ConnectorTaskId("c", 0)).isPresent());

        writer.removeConnector("c");

        assertThat(writer.connector("c")).isEmpty();
        assertThat(writer.tasks("c")).isEmpty();
        StoreTestSupport.await("the other worker forgets the connector and its task",
                () -> reader.connector("c").isEmpty() && reader.tasks("c").isEmpty());
        assertThat(StoreTestSupport.readAll(broker, config.statusTopic()))
                .contains("status-connector-c\tnull", "status-task-c-0\tnull");
    }

    @Test
    void safeWrite_ofAWorkerThatLostTheConnector_doesNotHideTheNewOwnersStatus() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaStatusStore oldOwner = started(config, Time.SYSTEM);
        KafkaStatusStore newOwner = started(config, Time.SYSTEM);
        newOwner.putConnector("c", new InstanceStatus(State.RUNNING, "w2:8083", null, null, 5));
        StoreTestSupport.await("the old owner reads the new owner's status", () -> oldOwner.connector("c").isPresent());

        oldOwner.putConnectorSafe("c", new InstanceStatus(State.UNASSIGNED, "w1:8083", null, null, 4));
        oldOwner.flush();

        assertThat(oldOwner.connector("c").map(InstanceStatus::workerId)).contains("w2:8083");
        assertThat(StoreTestSupport.readAll(broker, config.statusTopic())).noneMatch(line -> line.contains("w1:8083"));
    }

    @Test
    void statusWithoutVersion_writtenBeforeConnect41_readsBackWithNullVersion() throws Exception {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaStatusStore writer = started(config, Time.SYSTEM);
        writer.flush();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(broker.producerConfig())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(config.statusTopic(),
                    bytes("status-connector-old"),
                    bytes("{\"state\":\"PAUSED\",\"trace\":null,\"worker_id\":\"w:1\",\"generation\":2}"))).get();
        }

        KafkaStatusStore reader = started(config, Time.SYSTEM);

        assertThat(reader.connector("old")).contains(new InstanceStatus(State.PAUSED, "w:1", null, null, 2));
    }

    private KafkaStatusStore started(DistributedConfig config, Time time) {
        KafkaStatusStore store = new KafkaStatusStore(config, "test-statuses", admin, time);
        store.start();
        closeables.add(store);
        return store;
    }

    private static InstanceStatus running(int generation) {
        return new InstanceStatus(State.RUNNING, WORKER, null, "1.0", generation);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock that always says the same time, for exact discovery timestamps. */
    private record FixedTime(long millis) implements Time {
        @Override
        public long milliseconds() {
            return millis;
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long ms) {
            Utils.sleep(ms);
        }

        @Override
        public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
            throw new UnsupportedOperationException("not used by the status store");
        }
    }
}

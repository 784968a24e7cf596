package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.storage.ClusterConfigState;
import static dev.ferry.runtime.storage.kafka.StoreTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.kafka.ConfigTopicStateTest.RecordingListener;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The config store against a real broker: exact record bytes, read-back, listener timing, topic checks. */
@WithKafka
class KafkaConfigStoreTest {
    private static final SessionKey SESSION_KEY = new SessionKey(new SecretKeySpec(sequence(32), "HmacSHA256"),
            1795459534714L);

    private KafkaBroker broker;
    private Admin admin;
    private DistributedConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
        this.config = StoreTestSupport.workerConfig(broker, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        admin.close();
    }

    @Test
    void lifecycleOfTwoConnectors_writesApacheRecordsByteForByte() {
        KafkaConfigStore store = started(new RecordingListener());

        writeGoldenSequence(store);

        assertThat(StoreTestSupport.readAll(broker, config.configTopic()))
                .containsExactlyElementsOf(StoreTestSupport.golden("config-topic.golden"));
    }

    @Test
    void secondStore_readsBackTheSameSnapshot() throws Exception {
        KafkaConfigStore writer = started(new RecordingListener());
        writeGoldenSequence(writer);

        KafkaConfigStore reader = started(new RecordingListener());

        ClusterConfigState snapshot = reader.snapshot();
        assertThat(snapshot).isEqualTo(writer.snapshot());
        assertThat(snapshot.offset()).isEqualTo(15);
        assertThat(snapshot.connectors()).containsExactly("src1");
        assertThat(snapshot.connectorConfig("src1").keySet())
                .containsExactly("connector.class", "file", "topic", "tasks.max", "name");
        assertThat(snapshot.targetState("src1")).isEqualTo(TargetState.STARTED);
        assertThat(snapshot.targetState("src2")).isNull();
        assertThat(snapshot.tasks("src1")).containsExactly(new ConnectorTaskId("src1", 0));
        assertThat(snapshot.taskConfig(new ConnectorTaskId("src1", 0))).isEqualTo(taskConfig());
        assertThat(snapshot.sessionKey()).isEqualTo(SESSION_KEY);
        assertThat(snapshot.inconsistentConnectors()).isEmpty();
    }

    @Test
    void pausedTargetState_isWrittenWithBothFields() {
        KafkaConfigStore store = started(new RecordingListener());
        store.putConnectorConfig("p", Map.of("name", "p"), TargetState.PAUSED);

        assertThat(StoreTestSupport.readAll(broker, config.configTopic())).containsExactly(
                "target-state-p\t{\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}",
                "connector-p\t{\"properties\":{\"name\":\"p\"}}");
        assertThat(store.snapshot().targetState("p")).isEqualTo(TargetState.PAUSED);
    }

    @Test
    void listener_hearsOnlyOfRecordsWrittenAfterStart() throws Exception {
        KafkaConfigStore writer = started(new RecordingListener());
        writer.putConnectorConfig("c", Map.of("name", "c"), null);
        writer.putRestartRequest(new RestartRequest("c", false, true));
        writer.putLoggerLevel("org.example", "DEBUG");

        RecordingListener listener = new RecordingListener();
        KafkaConfigStore reader = started(listener);
        assertThat(listener.events()).isEmpty();
        assertThat(reader.snapshot().contains("c")).isTrue();

        writer.putRestartRequest(new RestartRequest("c", true, false));
        writer.putTargetState("c", TargetState.PAUSED);
        reader.refresh(TIMEOUT);

        assertThat(listener.events()).containsExactly(
                "restart RestartRequest[connector=c, onlyFailed=true, includeTasks=false]", "target c");
    }

    @Test
    void commitWithFewerTaskConfigsThanPromised_makesTheConnectorInconsistentUntilRewritten() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            KafkaConfigStore store = started(new RecordingListener());
            String topic = config.configTopic();
            producer.send(raw(topic, "connector-c", "{\"properties\":{\"name\":\"c\"}}"));
            producer.send(raw(topic, "task-c-1", "{\"properties\":{\"task\":\"1\"}}"));
            producer.send(raw(topic, "commit-c", "{\"tasks\":2}"));
            producer.flush();
            store.refresh(TIMEOUT);

            assertThat(store.snapshot().inconsistentConnectors()).containsExactly("c");
            assertThat(store.snapshot().tasks("c")).isEmpty();

            store.putTaskConfigs("c", List.of(Map.of("task", "0"), Map.of("task", "1")));

            assertThat(store.snapshot().inconsistentConnectors()).isEmpty();
            assertThat(store.snapshot().taskCount("c")).isEqualTo(2);
        }
    }

    @Test
    void existingConfigTopicWithDeletePolicy_isRefusedNamingTopicPropertyAndFix() {
        broker.createTopic(config.configTopic(), 1, Map.of("cleanup.policy", "delete"));
        KafkaConfigStore store = KafkaConfigStore.fromConfig(config, "test-", admin);

        assertThatThrownBy(() -> store.start(new RecordingListener()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Topic '" + config.configTopic() + "'")
                .hasMessageContaining("'config.storage.topic'")
                .hasMessageContaining("'cleanup.policy=delete'")
                .hasMessageContaining("connector configurations")
                .hasMessageContaining("'cleanup.policy=compact'");
    }

    @Test
    void existingConfigTopicWithTwoPartitions_isRefused() {
        broker.createTopic(config.configTopic(), 2, Map.of("cleanup.policy", "compact"));
        KafkaConfigStore store = KafkaConfigStore.fromConfig(config, "test-", admin);

        assertThatThrownBy(() -> store.start(new RecordingListener()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Topic '" + config.configTopic() + "'")
                .hasMessageContaining("'config.storage.topic'")
                .hasMessageContaining("2 partitions")
                .hasMessageContaining("exactly 1");
    }

    private KafkaConfigStore started(RecordingListener listener) {
        KafkaConfigStore store = KafkaConfigStore.fromConfig(config, "test-", admin);
        store.start(listener);
        closeables.add(store);
        return store;
    }

    private static void writeGoldenSequence(KafkaConfigStore store) {
        store.putSessionKey(SESSION_KEY);
        store.putConnectorConfig("src1", connectorConfig("src1", "/data/in.txt", "t1"), null);
        store.putTaskConfigs("src1", List.of(taskConfig()));
        store.putConnectorConfig("src2", connectorConfig("src2", "/data/in2.txt", "t2"), TargetState.STOPPED);
        store.putTaskConfigs("src1", List.of());
        store.putTargetState("src1", TargetState.STOPPED);
        store.putTargetState("src1", TargetState.STARTED);
        store.putTaskConfigs("src1", List.of(taskConfig()));
        store.putRestartRequest(new RestartRequest("src1", false, true));
        store.putLoggerLevel("org.apache.kafka.connect.file", "TRACE");
        store.removeConnectorConfig("src2");
    }

    private static Map<String, String> connectorConfig(String name, String file, String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "FileStreamSource");
        config.put("file", file);
        config.put("topic", topic);
        config.put("tasks.max", "1");
        config.put("name", name);
        return config;
    }

    private static Map<String, String> taskConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "FileStreamSource");
        config.put("file", "/data/in.txt");
        config.put("task.class", "org.apache.kafka.connect.file.FileStreamSourceTask");
        config.put("tasks.max", "1");
        config.put("name", "src1");
        config.put("topic", "t1");
        return config;
    }

    private static ProducerRecord<byte[], byte[]> raw(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}

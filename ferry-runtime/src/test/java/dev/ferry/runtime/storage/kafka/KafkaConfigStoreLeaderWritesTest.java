package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.kafka.ConfigTopicStateTest.RecordingListener;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The config store with {@code exactly.once.source.support} on (KIP-618), against a real broker:
 * the leader's writes are transactional under {@code connect-cluster-<group.id>}, a new leader's
 * claim fences the old one, and task-count records round-trip as Apache writes them.
 */
@WithKafka
class KafkaConfigStoreLeaderWritesTest {
    private KafkaBroker broker;
    private Admin admin;
    private DistributedConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
        this.config = StoreTestSupport.workerConfig(broker, Map.of("exactly.once.source.support", "enabled"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        admin.close();
    }

    @Test
    void leaderWrites_areTransactional_andTaskCountRecordsRoundTrip() {
        KafkaConfigStore leader = started();
        leader.claimWritePrivileges();
        assertThat(leader.leaderWriterConfig())
                .containsEntry("transactional.id", "connect-cluster-" + config.groupId())
                .containsEntry("client.id", "test-configs-leader")
                .containsEntry("enable.idempotence", "true");

        leader.putConnectorConfig("src", Map.of("name", "src"), TargetState.PAUSED);
        leader.putTaskConfigs("src", List.of(Map.of("t", "0"), Map.of("t", "1")));
        assertThat(leader.snapshot().pendingFencing("src")).isTrue();
        leader.putTaskCountRecord("src", 2);
        leader.putTargetState("src", TargetState.STARTED);

        assertThat(leader.snapshot().pendingFencing("src")).isFalse();
        assertThat(leader.snapshot().taskCountRecord("src")).isEqualTo(2);
        List<String> lines = StoreTestSupport.readAll(broker, config.configTopic());
        assertThat(lines).contains("tasks-fencing-src\t{\"task-count\":2}");

        // each leader write is one transaction, whose commit marker takes an offset after it; the
        // target state is written by "any worker" with the plain producer, without a marker
        List<Long> offsets = StoreTestSupport.records(broker, config.configTopic()).stream()
                .map(ConsumerRecord::offset).toList();
        assertThat(offsets).containsExactly(0L, 1L, 3L, 4L, 6L, 8L, 10L);

        KafkaConfigStore reader = started();
        assertThat(reader.snapshot().taskCountRecord("src")).isEqualTo(2);
        assertThat(reader.snapshot().taskCount("src")).isEqualTo(2);
        assertThat(reader.snapshot().targetState("src")).isEqualTo(TargetState.STARTED);
    }

    @Test
    void newLeadersClaim_fencesTheOldLeader_whoseNextWriteFails_andIsNotRead() {
        KafkaConfigStore oldLeader = started();
        oldLeader.claimWritePrivileges();
        oldLeader.putConnectorConfig("a", Map.of("name", "a"), null);

        KafkaConfigStore newLeader = started();
        newLeader.claimWritePrivileges();

        assertThatThrownBy(() -> oldLeader.putConnectorConfig("zombie", Map.of("name", "zombie"), null))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("zombie");
        newLeader.putConnectorConfig("b", Map.of("name", "b"), null);

        assertThat(newLeader.snapshot().connectors()).containsExactly("a", "b");
        assertThat(started().snapshot().connectors()).containsExactly("a", "b");
    }

    @Test
    void disabled_writesWithThePlainProducer_asBefore() {
        config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaConfigStore store = started();
        store.claimWritePrivileges();
        store.putConnectorConfig("a", Map.of("name", "a"), null);
        store.putTaskConfigs("a", List.of(Map.of()));
        store.putTaskCountRecord("a", 1);

        assertThat(StoreTestSupport.readAll(broker, config.configTopic())).containsExactly(
                "connector-a\t{\"properties\":{\"name\":\"a\"}}",
                "task-a-0\t{\"properties\":{}}",
                "commit-a\t{\"tasks\":1}",
                "tasks-fencing-a\t{\"task-count\":1}");
    }

    private KafkaConfigStore started() {
        KafkaConfigStore store = KafkaConfigStore.fromConfig(config, "test-", admin);
        store.start(new RecordingListener());
        closeables.add(store);
        return store;
    }
}

package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.storage.MemoryConfigStore;
import dev.ferry.runtime.storage.RecordedConfigEvents;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The store of a cluster of one and the config topic answer the herder alike: the same writes give
 * the same listener calls, in the same order, and the same snapshot (connectors, target states,
 * task configs). This is what lets one herder run on either.
 */
@WithKafka
class ConfigStoreParityTest {
    /** Listener calls the sequence below makes; both stores must make exactly these. */
    private static final List<String> EXPECTED_EVENTS = List.of(
            "session key",
            "config a",
            "tasks [a-0, a-1]",
            "config b",
            "state a",
            "state a",
            "restart a onlyFailed=true includeTasks=true",
            "logger org.example=DEBUG",
            "tasks []",
            "config a",
            "remove b");

    @Test
    void sameWrites_giveTheSameListenerCallsAndSnapshot(KafkaBroker broker) throws Exception {
        RecordedConfigEvents memoryEvents = new RecordedConfigEvents();
        RecordedConfigEvents kafkaEvents = new RecordedConfigEvents();
        try (Admin admin = Admin.create(broker.adminConfig());
             MemoryConfigStore memory = new MemoryConfigStore();
             KafkaConfigStore kafka = KafkaConfigStore.fromConfig(StoreTestSupport.workerConfig(broker, Map.of()),
                     "parity-", admin)) {
            memory.start(memoryEvents);
            kafka.start(kafkaEvents);

            write(memory);
            write(kafka);

            assertThat(memoryEvents.next(EXPECTED_EVENTS.size())).containsExactlyElementsOf(EXPECTED_EVENTS);
            assertThat(kafkaEvents.next(EXPECTED_EVENTS.size())).containsExactlyElementsOf(EXPECTED_EVENTS);
            assertThat(memoryEvents.quietFor(300)).isTrue();
            assertThat(kafkaEvents.quietFor(300)).isTrue();

            kafka.refresh(StoreTestSupport.TIMEOUT);
            ClusterConfigState fromMemory = memory.snapshot();
            ClusterConfigState fromTopic = kafka.snapshot();
            assertThat(fromMemory.connectorConfigs()).isEqualTo(fromTopic.connectorConfigs());
            assertThat(fromMemory.targetStates()).isEqualTo(fromTopic.targetStates());
            assertThat(fromMemory.taskConfigs()).isEqualTo(fromTopic.taskConfigs());
            assertThat(fromMemory.inconsistentConnectors()).isEqualTo(fromTopic.inconsistentConnectors());
            assertThat(fromMemory.sessionKey()).isEqualTo(fromTopic.sessionKey());
            assertThat(fromMemory.targetState("a")).isEqualTo(TargetState.STOPPED);
            assertThat(fromMemory.targetState("ghost")).isEqualTo(TargetState.PAUSED);
        }
    }

    /** A connector's life in the calls a herder makes, with the cases where a store stays silent. */
    private static void write(ConfigStore store) {
        store.putSessionKey(new SessionKey(new SecretKeySpec(new byte[32], "HmacSHA256"), 1_700_000_000_000L));
        store.putConnectorConfig("a", Map.of("connector.class", "A", "tasks.max", "2"), null);
        store.putTaskConfigs("a", List.of(Map.of("task", "0"), Map.of("task", "1")));
        store.putConnectorConfig("b", Map.of("connector.class", "B"), TargetState.PAUSED); // new: state not announced
        store.putTargetState("ghost", TargetState.PAUSED); // no such connector: kept, not announced
        store.putTargetState("a", TargetState.PAUSED);
        store.putTargetState("a", TargetState.PAUSED); // unchanged: not announced
        store.putTargetState("a", TargetState.STOPPED);
        store.putTaskConfigs("ghost", List.of(Map.of("task", "0"))); // no such connector: ignored
        store.putRestartRequest(new RestartRequest("a", true, true));
        store.putLoggerLevel("org.example", "DEBUG");
        store.putTaskConfigs("a", List.of());
        store.putConnectorConfig("a", Map.of("connector.class", "A", "tasks.max", "1"), null);
        store.removeConnectorConfig("b");
    }
}

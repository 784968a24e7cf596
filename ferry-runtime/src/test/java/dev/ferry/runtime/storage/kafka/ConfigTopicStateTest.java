package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The reading rules of the config topic, fed records directly (no broker). */
class ConfigTopicStateTest {
    private final ConfigTopicState state = new ConfigTopicState();
    private final RecordingListener listener = new RecordingListener();
    private long nextOffset;

    @Test
    void commit_appliesBufferedTaskConfigsTogether() {
        apply("connector-c", "{\"properties\":{\"name\":\"c\"}}");
        apply("task-c-0", "{\"properties\":{\"t\":\"0\"}}");
        apply("task-c-1", "{\"properties\":{\"t\":\"1\"}}");
        assertThat(state.snapshot().taskCount("c")).isZero();

        apply("commit-c", "{\"tasks\":2}");

        ClusterConfigState snapshot = state.snapshot();
        assertThat(snapshot.tasks("c")).containsExactly(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1));
        assertThat(snapshot.taskConfig(new ConnectorTaskId("c", 1))).containsEntry("t", "1");
        assertThat(listener.events).containsExactly("config c", "tasks [c-0, c-1]");
    }

    @Test
    void commit_missingTaskConfigs_marksConnectorInconsistentUntilACompleteCommit() {
        apply("connector-c", "{\"properties\":{\"name\":\"c\"}}");
        apply("task-c-1", "{\"properties\":{\"t\":\"1\"}}");
        apply("commit-c", "{\"tasks\":2}");

        ClusterConfigState snapshot = state.snapshot();
        assertThat(snapshot.inconsistentConnectors()).containsExactly("c");
        assertThat(snapshot.tasks("c")).isEmpty();
        assertThat(snapshot.taskConfig(new ConnectorTaskId("c", 1))).isNull();

        apply("task-c-0", "{\"properties\":{\"t\":\"0\"}}");
        apply("commit-c", "{\"tasks\":1}");

        assertThat(state.snapshot().inconsistentConnectors()).isEmpty();
        assertThat(state.snapshot().tasks("c")).containsExactly(new ConnectorTaskId("c", 0));
    }

    @Test
    void commit_ofZeroTasks_leavesNoTasks() {
        apply("connector-c", "{\"properties\":{}}");
        apply("task-c-0", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":1}");
        apply("commit-c", "{\"tasks\":0}");

        assertThat(state.snapshot().taskCount("c")).isZero();
        assertThat(state.snapshot().inconsistentConnectors()).isEmpty();
    }

    @Test
    void commit_ofAConnectorThatDoesNotExist_isIgnored() {
        apply("task-gone-0", "{\"properties\":{}}");
        apply("commit-gone", "{\"tasks\":1}");

        assertThat(state.snapshot().taskConfigs()).isEmpty();
        assertThat(state.snapshot().inconsistentConnectors()).isEmpty();
    }

    @Test
    void targetState_beforeItsConnector_isKeptAndDoesNotNotify() {
        apply("target-state-c", "{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}");
        apply("connector-c", "{\"properties\":{}}");

        assertThat(state.snapshot().targetState("c")).isEqualTo(TargetState.STOPPED);
        assertThat(listener.events).containsExactly("config c");
    }

    @Test
    void targetState_prefersV2AndFallsBackToTheOldField() {
        apply("connector-c", "{\"properties\":{}}");
        apply("target-state-c", "{\"state\":\"PAUSED\",\"state.v2\":\"STOPPED\"}");
        assertThat(state.snapshot().targetState("c")).isEqualTo(TargetState.STOPPED);

        apply("target-state-c", "{\"state\":\"PAUSED\"}");
        assertThat(state.snapshot().targetState("c")).isEqualTo(TargetState.PAUSED);
        assertThat(listener.events).containsExactly("config c", "target c", "target c");
    }

    @Test
    void targetState_sameAsBefore_doesNotNotify() {
        apply("connector-c", "{\"properties\":{}}");
        apply("target-state-c", "{\"state\":\"STARTED\",\"state.v2\":\"STARTED\"}");

        assertThat(listener.events).containsExactly("config c");
    }

    @Test
    void targetState_tombstone_revertsToStartedForAnExistingConnector() {
        apply("connector-c", "{\"properties\":{}}");
        apply("target-state-c", "{\"state\":\"PAUSED\",\"state.v2\":\"PAUSED\"}");
        apply("target-state-c", null);

        assertThat(state.snapshot().targetState("c")).isEqualTo(TargetState.STARTED);
    }

    @Test
    void connectorTombstone_removesConfigAndTasks() {
        apply("connector-c", "{\"properties\":{}}");
        apply("task-c-0", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":1}");
        apply("connector-c", null);

        assertThat(state.snapshot().contains("c")).isFalse();
        assertThat(state.snapshot().taskConfigs()).doesNotContainKey("c");
        assertThat(listener.events).endsWith("removed c");
    }

    @Test
    void connectorConfig_keepsStoredKeyOrderAndNullValues() {
        apply("connector-c", "{\"properties\":{\"z\":\"1\",\"a\":null,\"m\":\"3\"}}");

        assertThat(state.snapshot().connectorConfig("c").keySet()).containsExactly("z", "a", "m");
        assertThat(state.snapshot().connectorConfig("c")).containsEntry("a", null);
    }

    @Test
    void taskKeys_ofConnectorsWithDashes_parse() {
        apply("connector-my-conn-2", "{\"properties\":{}}");
        apply("task-my-conn-2-0", "{\"properties\":{\"k\":\"v\"}}");
        apply("commit-my-conn-2", "{\"tasks\":1}");

        assertThat(state.snapshot().taskConfig(new ConnectorTaskId("my-conn-2", 0))).containsEntry("k", "v");
    }

    @Test
    void restartRequestsSessionKeysAndLogLevels_areReported() {
        apply("restart-connector-c", "{\"include-tasks\":true,\"only-failed\":false}");
        apply("session-key", "{\"key\":\"AAEC\",\"algorithm\":\"HmacSHA256\",\"creation-timestamp\":42}");
        apply("logger-cluster-org.example", "{\"level\":\"DEBUG\"}");

        SessionKey key = state.snapshot().sessionKey();
        assertThat(key.key().getEncoded()).containsExactly(0, 1, 2);
        assertThat(key.key().getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(key.creationTimestamp()).isEqualTo(42);
        assertThat(listener.events).containsExactly("restart RestartRequest[connector=c, onlyFailed=false, includeTasks=true]",
                "session-key 42", "logger org.example=DEBUG");
    }

    @Test
    void offset_isTheNextOffsetAfterTheLastRecord_andMalformedRecordsAreSkipped() {
        assertThat(state.snapshot().offset()).isEqualTo(-1);
        apply("connector-c", "{\"properties\":{}}");
        apply("connector-d", "not json");
        apply("unknown-key", "{}");

        assertThat(state.snapshot().offset()).isEqualTo(3);
        assertThat(state.snapshot().connectors()).containsExactly("c");
    }

    private void apply(String key, String value) {
        Consumer<ConfigUpdateListener> event = state.apply(key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), nextOffset++);
        if (event != null) {
            event.accept(listener);
        }
    }

    /** Records listener calls as short strings. */
    static final class RecordingListener implements ConfigUpdateListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void onConnectorConfigUpdate(String connector) {
            events.add("config " + connector);
        }

        @Override
        public synchronized void onConnectorConfigRemove(String connector) {
            events.add("removed " + connector);
        }

        @Override
        public synchronized void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
            events.add("tasks " + tasks);
        }

        @Override
        public synchronized void onTargetStateChange(String connector) {
            events.add("target " + connector);
        }

        @Override
        public synchronized void onSessionKeyUpdate(SessionKey key) {
            events.add("session-key " + key.creationTimestamp());
        }

        @Override
        public synchronized void onRestartRequest(RestartRequest request) {
            events.add("restart " + request);
        }

        @Override
        public synchronized void onLoggerLevelUpdate(String namespace, String level) {
            events.add("logger " + namespace + "=" + level);
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }
    }
}

package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryConfigStoreTest {
    private final MemoryConfigStore store = new MemoryConfigStore();
    private final RecordedConfigEvents events = new RecordedConfigEvents();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void writes_areInTheSnapshotWhenTheyReturn_andTheOffsetGrowsWithEach() {
        store.start(events);
        assertThat(store.snapshot().offset()).isEqualTo(-1);
        assertThat(store.snapshot().connectors()).isEmpty();

        store.putConnectorConfig("c", Map.of("connector.class", "X"), TargetState.PAUSED);
        long afterCreate = store.snapshot().offset();
        store.putTaskConfigs("c", List.of(Map.of("t", "0"), Map.of("t", "1")));
        long afterTasks = store.snapshot().offset();

        ClusterConfigState state = store.snapshot();
        assertThat(afterCreate).isPositive();
        assertThat(afterTasks).isGreaterThan(afterCreate);
        assertThat(state.connectorConfig("c")).containsExactly(Map.entry("connector.class", "X"));
        assertThat(state.targetState("c")).isEqualTo(TargetState.PAUSED);
        assertThat(state.tasks("c")).containsExactly(new ConnectorTaskId("c", 0), new ConnectorTaskId("c", 1));
        assertThat(state.taskConfig(new ConnectorTaskId("c", 1))).containsExactly(Map.entry("t", "1"));

        store.putRestartRequest(new RestartRequest("c", false, true));
        store.putLoggerLevel("org.example", "DEBUG");
        assertThat(store.snapshot().offset()).isGreaterThan(afterTasks + 1);
    }

    @Test
    void snapshots_areNotChangedByLaterWritesOrByTheCallersMaps() {
        store.start(events);
        Map<String, String> config = new HashMap<>(Map.of("k", "v1"));
        store.putConnectorConfig("c", config, null);
        ClusterConfigState before = store.snapshot();

        config.put("k", "changed by the caller");
        store.putConnectorConfig("c", Map.of("k", "v2"), null);
        store.putTaskConfigs("c", List.of(Map.of()));

        assertThat(before.connectorConfig("c")).containsExactly(Map.entry("k", "v1"));
        assertThat(before.taskCount("c")).isZero();
        assertThat(store.snapshot().connectorConfig("c")).containsExactly(Map.entry("k", "v2"));
        assertThatThrownBy(() -> store.snapshot().connectorConfig("c").put("k", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void listener_hearsEveryChangeInOrder_onOneStoreThread_includingTheWritersOwnRestartsAndLogLevels()
            throws Exception {
        store.start(events);
        store.putConnectorConfig("c", Map.of("k", "v"), null);
        store.putTaskConfigs("c", List.of(Map.of("t", "0")));
        store.putTargetState("c", TargetState.PAUSED);
        store.putRestartRequest(new RestartRequest("c", true, false));
        store.putLoggerLevel("org.example", "TRACE");
        store.putSessionKey(new SessionKey(new SecretKeySpec(new byte[16], "HmacSHA256"), 1L));
        store.putTaskConfigs("c", List.of());
        store.removeConnectorConfig("c");

        assertThat(events.next(8)).containsExactly(
                "config c",
                "tasks [c-0]",
                "state c",
                "restart c onlyFailed=true includeTasks=false",
                "logger org.example=TRACE",
                "session key",
                "tasks []",
                "remove c");
        assertThat(events.threads()).hasSize(8).allMatch(name -> name.equals(events.threads().get(0)))
                .noneMatch(name -> name.equals(Thread.currentThread().getName()));
        assertThat(store.snapshot().contains("c")).isFalse();
        assertThat(store.snapshot().targetStates()).doesNotContainKey("c");
        assertThat(store.snapshot().taskConfigs()).doesNotContainKey("c");
    }

    @Test
    void targetStates_areAnnouncedOnlyWhenAnExistingConnectorChanges_asTheConfigTopicDoes() throws Exception {
        store.start(events);
        store.putTargetState("later", TargetState.STOPPED); // before its connector: kept, not announced
        store.putConnectorConfig("later", Map.of(), null);
        store.putTargetState("later", TargetState.STOPPED); // unchanged
        store.putTargetState("later", TargetState.STARTED);
        store.putConnectorConfig("later", Map.of("k", "v"), TargetState.PAUSED); // replacing with a new state

        assertThat(events.next(4)).containsExactly("config later", "state later", "state later", "config later");
        assertThat(events.quietFor(200)).isTrue();
        assertThat(store.snapshot().targetState("later")).isEqualTo(TargetState.PAUSED);
    }

    @Test
    void taskConfigsOfAnUnknownConnector_areIgnored() throws Exception {
        store.start(events);
        store.putTaskConfigs("ghost", List.of(Map.of("t", "0")));

        assertThat(store.snapshot().taskConfigs()).doesNotContainKey("ghost");
        assertThat(events.quietFor(200)).isTrue();
    }

    @Test
    void writesBeforeStart_areKeptButNotAnnounced() throws Exception {
        store.putConnectorConfig("early", Map.of("k", "v"), null);
        store.start(events);
        store.putConnectorConfig("late", Map.of("k", "v"), null);

        assertThat(events.next(1)).containsExactly("config late");
        assertThat(store.snapshot().connectors()).containsExactly("early", "late");
    }

    @Test
    void listenerThatWaitsForTheStore_doesNotBlockWriters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordedConfigEvents later = new RecordedConfigEvents();
        store.start(new ForwardingAfterLatch(release, later));

        store.putConnectorConfig("a", Map.of(), null);
        store.putConnectorConfig("b", Map.of(), null); // returns although the listener is still blocked on "a"
        assertThat(store.snapshot().connectors()).containsExactly("a", "b");

        release.countDown();
        assertThat(later.next(2)).containsExactly("config a", "config b");
    }

    @Test
    void startingTwice_isRefused() {
        store.start(events);
        assertThatThrownBy(() -> store.start(events)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void listenerFailure_isLogged_andLaterEventsStillArrive() throws Exception {
        RecordedConfigEvents after = new RecordedConfigEvents();
        store.start(new ForwardingAfterLatch(new CountDownLatch(0), after) {
            @Override
            public void onConnectorConfigRemove(String connector) {
                throw new IllegalStateException("listener bug");
            }
        });
        store.putConnectorConfig("a", Map.of(), null);
        store.removeConnectorConfig("a");
        store.putConnectorConfig("b", Map.of(), null);

        assertThat(after.next(2)).containsExactly("config a", "config b");
    }

    /** Waits for a latch on its first call, then forwards every call. */
    private static class ForwardingAfterLatch extends RecordedConfigEventsForwarder {
        private final CountDownLatch latch;

        ForwardingAfterLatch(CountDownLatch latch, RecordedConfigEvents target) {
            super(target);
            this.latch = latch;
        }

        @Override
        void before() {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

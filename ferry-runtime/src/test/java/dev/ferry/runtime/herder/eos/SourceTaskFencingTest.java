package dev.ferry.runtime.herder.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.kafka.KafkaConfigStore;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.errors.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The herder's fencing hook on a real config topic: a source connector's new generation waits
 * until its round of fencing wrote the task-count record, run by the leader itself or asked of it
 * by a follower; sinks never wait; the fence endpoint's and the offsets API's rounds.
 */
@WithKafka
class SourceTaskFencingTest {
    private static final ConnectorTaskId SRC_0 = new ConnectorTaskId("src", 0);

    private Admin admin;
    private KafkaConfigStore store;
    private ZombieFencer fencer;
    private final ExecutorService fencingThread = Executors.newSingleThreadExecutor();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final List<String> askedOfLeader = new CopyOnWriteArrayList<>();
    private SourceTaskFencing fencing;

    @BeforeEach
    void setUp(KafkaBroker broker) {
        admin = Admin.create(broker.adminConfig());
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "gate-" + id);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", "configs-" + id);
        props.put("offset.storage.topic", "offsets-" + id);
        props.put("status.storage.topic", "statuses-" + id);
        props.put("config.storage.replication.factor", "1");
        props.put("exactly.once.source.support", "enabled");
        props.put("fetch.max.wait.ms", "50");
        DistributedConfig config = new DistributedConfig(props);
        store = KafkaConfigStore.fromConfig(config, "gate-test-", admin);
        store.start(new ZombieFencerTest.IgnoringListener());
        fencer = new ZombieFencer(store, (connector, connectorConfig, ids) -> CompletableFuture.completedFuture(null),
                config.groupId(), Duration.ofSeconds(10), fencingThread);
        // a follower's request runs the round as the leader's endpoint would
        fencing = new SourceTaskFencing(store, fencer, connector -> {
            askedOfLeader.add(connector);
            await(fencer.fence(connector));
        }, leader::get, connectorConfig -> !"sink".equals(connectorConfig.get("type")), Duration.ofSeconds(10));
    }

    @AfterEach
    void tearDown() throws Exception {
        fencing.close();
        fencingThread.shutdownNow();
        fencingThread.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
        admin.close();
    }

    @Test
    void leader_holdsTheNewGeneration_untilItsOwnRoundWroteTheRecord() {
        store.putConnectorConfig("src", Map.of("type", "source"), null);
        store.putTaskConfigs("src", List.of(Map.of("t", "0")));
        ClusterConfigState herderView = store.snapshot();

        assertThat(fencing.readyToStart(SRC_0, herderView)).isFalse();

        awaitReady(herderView);
        assertThat(store.snapshot().taskCountRecord("src")).isEqualTo(1);
        assertThat(askedOfLeader).isEmpty();
    }

    @Test
    void follower_asksTheLeader_andStartsOnceItReadTheRecord() {
        leader.set(false);
        store.putConnectorConfig("src", Map.of("type", "source"), null);
        store.putTaskConfigs("src", List.of(Map.of("t", "0")));
        ClusterConfigState herderView = store.snapshot();

        assertThat(fencing.readyToStart(SRC_0, herderView)).isFalse();
        awaitReady(herderView);

        assertThat(askedOfLeader).containsExactly("src");
    }

    @Test
    void aGenerationTheStoreHasMovedPast_doesNotStart() {
        store.putConnectorConfig("src", Map.of("type", "source"), null);
        store.putTaskConfigs("src", List.of(Map.of("t", "old")));
        ClusterConfigState oldView = store.snapshot();
        await(fencer.fence("src"));
        store.putTaskConfigs("src", List.of(Map.of("t", "new")));
        await(fencer.fence("src"));

        assertThat(fencing.readyToStart(SRC_0, oldView)).isFalse();
        assertThat(fencing.readyToStart(SRC_0, store.snapshot())).isTrue();
    }

    @Test
    void sinks_startAtOnce_andAreNotFenced() {
        store.putConnectorConfig("snk", Map.of("type", "sink"), null);
        store.putTaskConfigs("snk", List.of(Map.of()));

        assertThat(fencing.readyToStart(new ConnectorTaskId("snk", 0), store.snapshot())).isTrue();
        assertThatThrownBy(() -> fencing.fenceZombies("snk").toCompletableFuture().get())
                .hasCauseInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Connector snk is not a source connector");
        assertThatThrownBy(() -> fencing.fenceZombies("nope").toCompletableFuture().get())
                .hasCauseInstanceOf(NotFoundException.class);
        await(fencing.beforeOffsetsChange("snk", store.snapshot()));
        assertThat(store.snapshot().taskCountRecord("snk")).isNull();
    }

    @Test
    void offsetsChangeOfAStoppedSource_runsItsRound() {
        store.putConnectorConfig("src", Map.of("type", "source"), null);
        store.putTaskConfigs("src", List.of(Map.of(), Map.of()));
        await(fencer.fence("src"));
        store.putTaskConfigs("src", List.of()); // stopped

        await(fencing.beforeOffsetsChange("src", store.snapshot()));

        assertThat(store.snapshot().pendingFencing("src")).isFalse();
        assertThat(store.snapshot().taskCountRecord("src")).isZero();
    }

    private void awaitReady(ClusterConfigState herderView) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fencing.readyToStart(SRC_0, herderView)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task never became ready to start");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void await(java.util.concurrent.CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.ferry.runtime.herder.eos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import dev.ferry.runtime.storage.kafka.KafkaConfigStore;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds of zombie fencing against a real broker: a producer of the previous task generation can
 * no longer commit after the round, the task-count record follows, and rounds that need no fencing
 * only write the record.
 */
@WithKafka
class ZombieFencerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaBroker broker;
    private Admin admin;
    private DistributedConfig config;
    private KafkaConfigStore store;
    private final ExecutorService fencingThread = Executors.newSingleThreadExecutor();
    private final List<List<String>> fenced = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private ZombieFencer fencer;

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "fencer-" + id);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", "configs-" + id);
        props.put("offset.storage.topic", "offsets-" + id);
        props.put("status.storage.topic", "statuses-" + id);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("exactly.once.source.support", "enabled");
        props.put("fetch.max.wait.ms", "50");
        config = new DistributedConfig(props);
        store = KafkaConfigStore.fromConfig(config, "fencer-test-", admin);
        store.start(new IgnoringListener());
        store.claimWritePrivileges();
        ProducerFencing real = ProducerFencing.withAdmin(() -> admin);
        fencer = new ZombieFencer(store, (connector, connectorConfig, ids) -> {
            fenced.add(ids);
            return real.fence(connector, connectorConfig, ids);
        }, config.groupId(), Duration.ofSeconds(10), fencingThread);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        fencingThread.shutdownNow();
        fencingThread.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
        admin.close();
    }

    @Test
    void firstGeneration_onlyWritesTheRecord_thenAReconfigurationFencesAllOldProducers() throws Exception {
        store.putConnectorConfig("src", Map.of("name", "src"), null);
        store.putTaskConfigs("src", List.of(Map.of(), Map.of(), Map.of()));

        await(fencer.fence("src"));
        assertThat(fenced).isEmpty();
        assertThat(store.snapshot().taskCountRecord("src")).isEqualTo(3);
        assertThat(store.snapshot().pendingFencing("src")).isFalse();

        Producer<byte[], byte[]> zombie = taskProducer("src", 2);
        zombie.beginTransaction();
        zombie.send(new ProducerRecord<>("zombie-out", new byte[]{1}));

        store.putTaskConfigs("src", List.of(Map.of(), Map.of()));
        assertThat(store.snapshot().pendingFencing("src")).isTrue();
        await(fencer.fence("src"));

        String prefix = config.groupId() + "-src-";
        assertThat(fenced).containsExactly(List.of(prefix + 0, prefix + 1, prefix + 2));
        assertThat(store.snapshot().taskCountRecord("src")).isEqualTo(2);
        assertThat(store.snapshot().pendingFencing("src")).isFalse();
        assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
    }

    @Test
    void oneTaskToOneTask_needsNoFencing_andANotPendingConnectorNothingAtAll() throws Exception {
        store.putConnectorConfig("one", Map.of("name", "one"), null);
        store.putTaskConfigs("one", List.of(Map.of()));
        await(fencer.fence("one"));
        store.putTaskConfigs("one", List.of(Map.of("changed", "yes")));

        await(fencer.fence("one"));
        long offset = store.snapshot().offset();
        await(fencer.fence("one"));

        assertThat(fenced).isEmpty();
        assertThat(store.snapshot().taskCountRecord("one")).isEqualTo(1);
        assertThat(store.snapshot().offset()).isEqualTo(offset);
    }

    @Test
    void roundsOfOneConnector_areJoined() throws Exception {
        store.putConnectorConfig("src", Map.of("name", "src"), null);
        store.putTaskConfigs("src", List.of(Map.of(), Map.of()));
        await(fencer.fence("src"));
        store.putTaskConfigs("src", List.of(Map.of()));

        CountDownLatch hold = new CountDownLatch(1);
        fencingThread.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletionStage<Void> first = fencer.fence("src");
        CompletionStage<Void> second = fencer.fence("src");
        hold.countDown();
        await(first);
        await(second);

        assertThat(second).isSameAs(first);
        assertThat(fenced).hasSize(1);
    }

    private Producer<byte[], byte[]> taskProducer(String connector, int task) {
        Map<String, Object> props = new HashMap<>(broker.producerConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.groupId() + "-" + connector + "-" + task);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        Producer<byte[], byte[]> producer = new KafkaProducer<>(props);
        closeables.add(() -> producer.close(Duration.ZERO));
        producer.initTransactions();
        return producer;
    }

    private static void await(CompletionStage<Void> stage) throws Exception {
        stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The store needs a listener; these tests read its snapshots instead. */
    static final class IgnoringListener implements ConfigUpdateListener {
        @Override
        public void onConnectorConfigUpdate(String connector) {
        }

        @Override
        public void onConnectorConfigRemove(String connector) {
        }

        @Override
        public void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks) {
        }

        @Override
        public void onTargetStateChange(String connector) {
        }

        @Override
        public void onSessionKeyUpdate(SessionKey key) {
        }

        @Override
        public void onRestartRequest(RestartRequest request) {
        }

        @Override
        public void onLoggerLevelUpdate(String namespace, String level) {
        }
    }
}

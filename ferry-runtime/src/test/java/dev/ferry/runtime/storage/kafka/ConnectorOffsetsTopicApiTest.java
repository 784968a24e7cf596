package dev.ferry.runtime.storage.kafka;

import static dev.ferry.runtime.storage.kafka.StoreTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offsets API of a source connector with its own {@code offsets.storage.topic} reads that topic
 * together with the worker's, the connector's own value winning, as Apache's does and as the
 * connector's tasks read them; without one it reads the worker's topic alone.
 */
@WithKafka
class ConnectorOffsetsTopicApiTest {
    private KafkaBroker broker;
    private Admin admin;
    private DistributedConfig config;
    private KafkaOffsetStore workerStore;

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        admin = Admin.create(broker.adminConfig());
        config = StoreTestSupport.workerConfig(broker, Map.of("offset.storage.partitions", "1"));
        workerStore = KafkaOffsetStore.fromConfig(config, "api-test-", admin);
        workerStore.start();
    }

    @AfterEach
    void tearDown() {
        workerStore.close();
        admin.close();
    }

    @Test
    void offsetsOfAConnectorWithItsOwnTopic_areReadFromBothTopics_itsOwnWinning() throws Exception {
        String ownTopic = "own-offsets-" + config.groupId();
        put(workerStore, "orders", "a", 1L);
        put(workerStore, "orders", "b", 2L);
        KafkaOffsetStore own = KafkaOffsetStore.forConnectorTopic(config, ownTopic, "api-test-own", admin);
        own.start();
        try {
            put(own, "orders", "b", 20L);
            put(own, "orders", "c", 30L);
        } finally {
            own.close();
        }
        ConnectorOffsetsEditor editor = new ConnectorOffsetsEditor(workerStore, () -> admin, null, (connector, topic) ->
                KafkaOffsetStore.forConnectorTopic(config, topic, "api-test-read-" + connector, admin));

        ConnectorOffsets withOwn = editor.read("orders", Map.of("offsets.storage.topic", ownTopic), false);
        ConnectorOffsets workerOnly = editor.read("orders", Map.of(), false);

        assertThat(positions(withOwn)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 20L, "c", 30L));
        assertThat(positions(workerOnly)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L));
    }

    private static void put(KafkaOffsetStore store, String connector, String file, long position) throws Exception {
        store.set(Map.of(OffsetCodec.key(connector, Map.of("file", file)), OffsetCodec.value(Map.of("position", position))))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<Object, Object> positions(ConnectorOffsets offsets) {
        Map<Object, Object> byFile = new java.util.HashMap<>();
        offsets.offsets().forEach(e -> byFile.put(e.partition().get("file"), e.offset().get("position")));
        return byFile;
    }
}

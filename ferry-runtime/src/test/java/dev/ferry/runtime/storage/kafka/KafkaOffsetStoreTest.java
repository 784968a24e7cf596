package dev.ferry.runtime.storage.kafka;

import static dev.ferry.runtime.storage.kafka.StoreTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offsets store against a real broker: the stored bytes are the codec's, unchanged, and read back. */
@WithKafka
class KafkaOffsetStoreTest {
    private static final ByteBuffer KEY = OffsetCodec.key("src1", Map.of("filename", "/data/in.txt"));
    private static final ByteBuffer VALUE = OffsetCodec.value(Map.of("position", 18));

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
    void offsets_areStoredAsTheCodecsBytes_andATombstoneDeletesThem() throws Exception {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of("offset.storage.partitions", "1"));
        KafkaOffsetStore store = started(config);

        store.set(Map.of(KEY, VALUE)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(store.get(List.of(KEY)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsEntry(KEY, VALUE);
        store.set(Collections.singletonMap(KEY, null)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(store.get(List.of(KEY)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
        assertThat(StoreTestSupport.readAll(broker, config.offsetsTopic()))
                .containsExactlyElementsOf(StoreTestSupport.golden("offset-topic.golden"));
    }

    @Test
    void anotherWorker_readsEveryOffsetBack() throws Exception {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        KafkaOffsetStore writer = started(config);
        Map<ByteBuffer, ByteBuffer> offsets = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            offsets.put(OffsetCodec.key("src", Map.of("file", "f" + i)), OffsetCodec.value(Map.of("position", i)));
        }
        writer.set(offsets).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        KafkaOffsetStore reader = started(config);

        assertThat(reader.snapshot()).isEqualTo(offsets);
        assertThat(reader.get(offsets.keySet()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(offsets);
    }

    @Test
    void setOfNothing_completesAtOnce() throws Exception {
        KafkaOffsetStore store = started(StoreTestSupport.workerConfig(broker, Map.of()));

        assertThat(store.set(Map.of()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    private KafkaOffsetStore started(DistributedConfig config) {
        KafkaOffsetStore store = KafkaOffsetStore.fromConfig(config, "test-", admin);
        store.start();
        closeables.add(store);
        return store;
    }
}

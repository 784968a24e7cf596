package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Source offsets of a distributed cluster, in the topic named by {@code offset.storage.topic} (or
 * a connector's own {@code offsets.storage.topic}, see {@link #forConnectorTopic}): each record's
 * key and value are the {@link OffsetCodec} bytes, unchanged, so the topic can be shared with (or
 * inherited from) Apache Connect workers. A tombstone deletes a key. Exactly-once source tasks do
 * not write through this store: their offsets go in their own transactions, which this store's
 * consumer, reading only committed records when exactly-once support is enabled, picks up.
 *
 * <p>The in-memory view is built only from what is read back, never from what is written, so it
 * holds exactly what every worker would read. {@link #get} therefore reads to the end of the topic
 * first (rare: tasks read offsets when they start). {@link #set} completes once the broker has
 * acknowledged every record, which is what an offset commit needs.
 *
 * <p>The producer never gives up on a record ({@code delivery.timeout.ms} at its maximum) and does
 * not use idempotence, as in Apache, so brokers without the idempotent-write permission work.
 *
 * <p>Thread contract: safe for concurrent use. The admin client is borrowed, not closed.
 */
public final class KafkaOffsetStore implements OffsetBackingStore {
    private final DistributedConfig config;
    private final TopicSpec topic;
    private final String clientId;
    private final Admin admin;
    private final Map<ByteBuffer, ByteBuffer> data = new ConcurrentHashMap<>();
    private volatile TopicLog log;

    private KafkaOffsetStore(DistributedConfig config, TopicSpec topic, String clientId, Admin admin) {
        this.config = Objects.requireNonNull(config, "config");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clientId = clientId;
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * A store over the worker's offsets topic; nothing connects before {@link #start()}.
     *
     * @param clientIdBase e.g. {@code connect-cluster-}; the clients are named {@code <clientIdBase>offsets}
     */
    public static KafkaOffsetStore fromConfig(DistributedConfig config, String clientIdBase, Admin admin) {
        return new KafkaOffsetStore(config, TopicSpec.offsetsTopic(config), clientIdBase + "offsets", admin);
    }

    /**
     * A store over a connector's own offsets topic ({@code offsets.storage.topic}), created if
     * missing with the worker's offsets topic settings (partitions, replication factor, extra
     * configs), as Apache creates it. With exactly-once support its consumer reads only committed
     * records, so offsets of open or aborted transactions are never seen.
     *
     * @param clientId the name of its clients, e.g. {@code connector-offsets-orders-0}
     */
    public static KafkaOffsetStore forConnectorTopic(DistributedConfig config, String topic, String clientId,
                                                     Admin admin) {
        TopicSpec worker = TopicSpec.offsetsTopic(config);
        return new KafkaOffsetStore(config, new TopicSpec(topic, worker.partitions(), worker.replicationFactor(),
                worker.extraConfigs(), "offsets.storage.topic", "source connector offsets"), clientId, admin);
    }

    /** Creates or checks the topic, then reads all of it. */
    @Override
    public void start() {
        InternalTopics.ensure(admin, topic);
        String clusterId = InternalClientConfigs.clusterId(admin);
        Map<String, Object> producer = InternalClientConfigs.producer(config, clientId, clusterId);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        Map<String, Object> consumer = InternalClientConfigs.consumer(config, clientId, clusterId, true);
        TopicLog topicLog = new TopicLog(topic.topic(), producer, consumer, this::apply);
        topicLog.start();
        log = topicLog;
    }

    @Override
    public CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        return running().readToEnd().thenApply(ignored -> {
            Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
            for (ByteBuffer key : keys) {
                ByteBuffer value = data.get(key);
                if (value != null) {
                    values.put(key, value);
                }
            }
            return values;
        });
    }

    @Override
    public CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values) {
        TopicLog topicLog = running();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (values.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger left = new AtomicInteger(values.size());
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : values.entrySet()) {
            byte[] value = entry.getValue() == null ? null : bytes(entry.getValue());
            try {
                topicLog.send(bytes(entry.getKey()), value, (metadata, error) -> {
                    if (error != null) {
                        done.completeExceptionally(failure(topicLog, error));
                    } else if (left.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(failure(topicLog, e));
                break;
            }
        }
        return done;
    }

    /** Every offset read so far (no read to the end first). */
    @Override
    public Map<ByteBuffer, ByteBuffer> snapshot() {
        return Map.copyOf(data);
    }

    /** Reads the topic to its end first, so other workers' and this worker's latest writes are included. */
    @Override
    public CompletableFuture<Map<ByteBuffer, ByteBuffer>> readAll() {
        return running().readToEnd().thenApply(ignored -> Map.copyOf(data));
    }

    @Override
    public void close() {
        TopicLog topicLog = log;
        if (topicLog != null) {
            topicLog.stop();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return; // not an offset record: Apache never writes one without a key
        }
        ByteBuffer key = ByteBuffer.wrap(record.key());
        if (record.value() == null) {
            data.remove(key);
        } else {
            data.put(key, ByteBuffer.wrap(record.value()));
        }
    }

    private static ConnectException failure(TopicLog topicLog, Throwable error) {
        return new ConnectException("Could not write source offsets to topic '" + topicLog.topic() + "': "
                + error.getMessage(), error);
    }

    private TopicLog running() {
        TopicLog topicLog = log;
        if (topicLog == null) {
            throw new IllegalStateException("The offset store is not started; call start() first");
        }
        return topicLog;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}

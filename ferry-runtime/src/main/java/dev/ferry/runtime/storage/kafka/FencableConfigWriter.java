package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.model.Sentences;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's writer of the config topic when {@code exactly.once.source.support} is
 * {@code preparing} or {@code enabled} (KIP-618): a transactional producer whose id,
 * {@code connect-cluster-<group.id>}, is the same on every worker, so whoever initializes it last
 * is the only one that can still write. A new leader {@linkplain #claim() claims} it and thereby
 * fences out the previous leader, which may not yet know it lost the group; a write of that old
 * leader then fails instead of overwriting the new leader's configs. Each write is one
 * transaction, so a batch (a target state and its connector, task configs and their commit) is
 * read by {@code read_committed} consumers all at once or not at all.
 *
 * <p>A failed write closes the producer (it may be fenced, or in a state only a new one leaves);
 * the next write claims again, which is right as only the leader writes here, and is what Apache's
 * herder does when it finds itself still the leader after being fenced.
 *
 * <p>Thread contract: synchronized; writes are serial anyway (one leader, one herder thread).
 */
final class FencableConfigWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FencableConfigWriter.class);

    /** Apache's prefix of the config topic writer's transactional id. */
    static final String TRANSACTIONAL_ID_PREFIX = "connect-cluster-";

    private final String topic;
    private final Map<String, Object> producerConfig;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory;
    private Producer<byte[], byte[]> producer;

    /**
     * @param baseConfig the config store's producer settings; the client id gets {@code -leader},
     *                   and idempotence, {@code acks=all} and the transactional id are forced
     */
    FencableConfigWriter(String topic, String groupId, Map<String, Object> baseConfig) {
        this(topic, groupId, baseConfig, KafkaProducer::new);
    }

    FencableConfigWriter(String topic, String groupId, Map<String, Object> baseConfig,
                         Function<Map<String, Object>, Producer<byte[], byte[]>> producerFactory) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producerConfig = new HashMap<>(baseConfig);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, baseConfig.get(ProducerConfig.CLIENT_ID_CONFIG) + "-leader");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // idempotence keeps up to 5 in-flight batches in order
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(groupId));
        this.producerFactory = producerFactory;
    }

    /** {@code connect-cluster-<group.id>}, as Apache's {@code DistributedConfig#transactionalProducerId}. */
    static String transactionalId(String groupId) {
        return TRANSACTIONAL_ID_PREFIX + groupId;
    }

    /** The settings the producer is made with (for tests and logs). */
    Map<String, Object> producerConfig() {
        return Map.copyOf(producerConfig);
    }

    /**
     * Creates the producer and initializes its transactions, which fences any other worker's
     * producer of the same id; does nothing when already claimed.
     *
     * @throws ConnectException if the broker cannot be reached or refuses the transactional id
     */
    synchronized void claim() {
        if (producer != null) {
            return;
        }
        Producer<byte[], byte[]> created = null;
        try {
            created = producerFactory.apply(producerConfig);
            created.initTransactions();
            producer = created;
            log.info("Claimed the leader's writes to the config topic '{}' (transactional id '{}')", topic,
                    producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        } catch (RuntimeException e) {
            if (created != null) {
                closeQuietly(created);
            }
            throw new ConnectException("Could not claim the leader's writes to the config topic '" + topic
                    + "' with the transactional id '" + producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) + "': "
                    + Sentences.end(e.getMessage()) + " With exactly.once.source.support=preparing or enabled, the worker's "
                    + "principal needs Write and Describe on that transactional id, and the brokers must allow "
                    + "transactions.", e);
        }
    }

    /**
     * Writes the records in one transaction and returns once it is committed; claims first if
     * needed.
     *
     * @throws ConnectException if the write failed (this worker may have been fenced by a newer
     *                          leader); nothing of it is visible to {@code read_committed} readers
     */
    synchronized void write(List<Map.Entry<String, byte[]>> records) {
        claim();
        try {
            producer.beginTransaction();
            for (Map.Entry<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, InternalJson.utf8(record.getKey()), record.getValue()));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            log.warn("A transactional write to the config topic '{}' failed; giving up this worker's write privileges "
                    + "(a newer leader may have fenced it): {}", topic, e.toString());
            relinquish();
            throw e;
        }
    }

    /** Closes the producer; the next write or claim creates a new one. */
    synchronized void relinquish() {
        if (producer != null) {
            closeQuietly(producer);
            producer = null;
        }
    }

    @Override
    public void close() {
        relinquish();
    }

    private static void closeQuietly(Producer<byte[], byte[]> producer) {
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("Closing the config topic's transactional producer failed: {}", e.toString());
        }
    }
}

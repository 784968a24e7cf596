package dev.ferry.registry.store;

import dev.ferry.registry.Sentences;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code _schemas} topic as a replicated log of {@link StoreKey}/{@link StoreValue} records.
 *
 * <h2>Design</h2>
 * The topic has one partition and is compacted. At start the topic is created (or checked: one partition,
 * {@code cleanup.policy=compact}) and read from the beginning to its end offset before {@link #start} returns.
 * A reader thread then keeps consuming and hands every record, in order, to the {@link RegistryState}. A
 * write is produced and then waited for until the reader has applied it, so the state the writer reads next
 * already holds its own write and every instance converges on the same state through the same records.
 * {@link #catchUp} writes a NOOP marker and waits for it: after it returns, everything written to the topic
 * before the call is applied here (a new leader does this before it allocates an id).
 *
 * <p>Thread contract: {@link #write} and {@link #catchUp} may be called from any thread (the caller
 * serialises writes that depend on each other); the reader thread is the only one applying records.
 */
public final class KafkaLog implements StoreWriter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);
    /** How long one poll of the reader waits for new records. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    /**
     * What the log needs to know.
     *
     * @param clientConfig     Kafka client settings shared by the admin client, producer and consumer
     *                         ({@code bootstrap.servers}, security, ...)
     * @param topicConfigs     extra configs for a topic this log creates ({@code kafkastore.topic.config.*})
     * @param initTimeout      how long creating/checking the topic and the first full read may take
     * @param writeTimeout     how long a write may take to be acknowledged and read back
     */
    public record Settings(String topic, int replicationFactor, Map<String, Object> clientConfig,
                           Map<String, String> topicConfigs, Duration initTimeout, Duration writeTimeout) {
    }

    private final Settings settings;
    private final RegistryState state;
    private final TopicPartition partition;
    private final Object progress = new Object();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile boolean closing;
    // Guarded by progress: the offset of the next record to apply.
    private long nextOffset;
    private RuntimeException readerFailure;
    private volatile String clusterId;
    private Admin offsetsAdmin;

    public KafkaLog(Settings settings, RegistryState state) {
        this.settings = settings;
        this.state = state;
        this.partition = new TopicPartition(settings.topic(), 0);
    }

    /**
     * Creates or checks the topic, reads it to its current end into the state, and starts the reader.
     *
     * @throws StoreException naming the topic and what is wrong with it
     */
    public void start() {
        long deadline = System.nanoTime() + settings.initTimeout().toNanos();
        // Building the clients costs hundreds of ms on a cold JVM; do it while the topic is checked.
        CompletableFuture<Void> clients = CompletableFuture.runAsync(() -> {
            producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
            consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }, runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-store-clients");
            thread.setDaemon(true);
            thread.start();
        });
        try (Admin admin = Admin.create(settings.clientConfig())) {
            createOrCheckTopic(admin);
        } catch (ExecutionException e) {
            throw new StoreException("Cannot create or check the schemas topic '" + settings.topic() + "': "
                    + Sentences.end(e.getCause().getMessage()) + " Check kafkastore.bootstrap.servers and the registry's ACLs.",
                    false, e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("Timed out after " + settings.initTimeout().toMillis() + " ms reaching the Kafka "
                    + "cluster at " + settings.clientConfig().get("bootstrap.servers") + " to create or check the schemas "
                    + "topic '" + settings.topic() + "'. Check kafkastore.bootstrap.servers and the kafkastore.security.* "
                    + "settings, or raise kafkastore.init.timeout.ms.", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while checking the schemas topic", false, e);
        } finally {
            awaitClients(clients);
        }
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), settings.initTimeout()).get(partition);
        reader = new Thread(this::readLoop, "schema-registry-store-reader | " + settings.topic());
        reader.setDaemon(true);
        reader.start();
        long remaining = deadline - System.nanoTime();
        if (!awaitApplied(end, Math.max(0, remaining))) {
            throw new StoreException("Timed out reading the schemas topic '" + settings.topic() + "' to its end "
                    + "(offset " + end + ", read up to " + appliedOffset() + "). Raise kafkastore.init.timeout.ms.",
                    true, null);
        }
        log.info("Read the schemas topic '{}' up to offset {}: {}", settings.topic(), end, state);
    }

    private static void awaitClients(CompletableFuture<Void> clients) {
        try {
            clients.join();
        } catch (CompletionException e) {
            throw new StoreException(Sentences.then("Cannot create the Kafka clients of the schemas topic: "
                    + e.getCause().getMessage(), "Check the kafkastore.* client settings."), false, e.getCause());
        }
    }

    private void createOrCheckTopic(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        long timeout = settings.initTimeout().toMillis();
        var cluster = admin.describeCluster();
        var names = admin.listTopics().names();
        clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
        Set<String> topics = names.get(timeout, TimeUnit.MILLISECONDS);
        if (!topics.contains(settings.topic())) {
            int brokers = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
            int replication = Math.max(1, Math.min(brokers, settings.replicationFactor()));
            if (replication < settings.replicationFactor()) {
                log.warn("Creating the schemas topic '{}' with replication factor {}, less than "
                        + "kafkastore.topic.replication.factor={}, because the cluster has only {} brokers",
                        settings.topic(), replication, settings.replicationFactor(), brokers);
            }
            Map<String, String> configs = new HashMap<>(settings.topicConfigs());
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            try {
                admin.createTopics(List.of(new NewTopic(settings.topic(), 1, (short) replication).configs(configs)))
                        .all().get(timeout, TimeUnit.MILLISECONDS);
                log.info("Created the schemas topic '{}' (1 partition, replication factor {}, compacted)",
                        settings.topic(), replication);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
        var describedTopics = admin.describeTopics(List.of(settings.topic())).allTopicNames();
        var describedConfigs = admin.describeConfigs(List.of(resource)).all();
        TopicDescription description = describedTopics.get(timeout, TimeUnit.MILLISECONDS).get(settings.topic());
        if (description.partitions().size() != 1) {
            throw new StoreException("The schemas topic '" + settings.topic() + "' has "
                    + description.partitions().size() + " partitions; it must have exactly 1 so that all writes are "
                    + "ordered. Point kafkastore.topic at a topic with one partition.", false, null);
        }
        Config config = describedConfigs.get(timeout, TimeUnit.MILLISECONDS).get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy.value())) {
            throw new StoreException("The schemas topic '" + settings.topic() + "' has cleanup.policy="
                    + (policy == null ? "(unset)" : policy.value()) + "; it must be 'compact' or Kafka deletes "
                    + "schemas after the retention time. Set it with kafka-configs --alter --entity-type topics "
                    + "--entity-name " + settings.topic() + " --add-config cleanup.policy=compact.", false, null);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // send() itself blocks while it waits for metadata; a write must not wait longer than kafkastore.timeout.ms.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.writeTimeout().toMillis());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-producer");
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader");
        return config;
    }

    private void readLoop() {
        try {
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    applyOne(record);
                }
                long position = consumer.position(partition);
                synchronized (progress) {
                    if (position > nextOffset) {
                        nextOffset = position;
                        progress.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closing) {
                log.error("The schemas topic reader failed; this registry stops seeing updates", e);
                synchronized (progress) {
                    readerFailure = e;
                    progress.notifyAll();
                }
            }
        }
    }

    private void applyOne(ConsumerRecord<byte[], byte[]> record) {
        try {
            StoreKey key = StoreCodec.decodeKey(record.key());
            state.apply(key, StoreCodec.decodeValue(key, record.value()));
        } catch (StoreFormatException e) {
            log.error("Skipping the record at offset {} of '{}': {}", record.offset(), settings.topic(), e.getMessage());
        }
        synchronized (progress) {
            nextOffset = record.offset() + 1;
            progress.notifyAll();
        }
    }

    /** The Kafka cluster's id, known once {@link #start} returned. */
    public String clusterId() {
        return clusterId;
    }

    /** The offset of the next record the reader will apply. */
    public long appliedOffset() {
        synchronized (progress) {
            return nextOffset;
        }
    }

    private boolean awaitApplied(long offset, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (progress) {
            while (nextOffset < offset) {
                if (readerFailure != null) {
                    throw new StoreException("The schemas topic reader failed: " + readerFailure.getMessage(),
                            false, readerFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("Interrupted while waiting for the schemas topic", false, e);
                }
            }
            return true;
        }
    }

    /**
     * Writes one record and returns once this instance has applied it.
     *
     * @param value null writes a tombstone
     * @throws StoreException when the write is not acknowledged or read back within kafkastore.timeout.ms
     */
    @Override
    public void write(StoreKey key, StoreValue value) {
        long started = System.nanoTime();
        long timeoutNanos = settings.writeTimeout().toNanos();
        RecordMetadata written;
        try {
            written = producer.send(new ProducerRecord<>(settings.topic(), 0, StoreCodec.encodeKey(key),
                    StoreCodec.encodeValue(value))).get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new StoreException("Writing to the schemas topic '" + settings.topic() + "' timed out after "
                    + settings.writeTimeout().toMillis() + " ms (kafkastore.timeout.ms)", true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                throw new StoreException("The record is larger than the schemas topic accepts: "
                        + e.getCause().getMessage(), false, e.getCause());
            }
            boolean timedOut = e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
            throw new StoreException("Writing to the schemas topic '" + settings.topic() + "' failed: "
                    + e.getCause().getMessage(), timedOut, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing to the schemas topic", false, e);
        }
        long left = timeoutNanos - (System.nanoTime() - started);
        if (!awaitApplied(written.offset() + 1, Math.max(left, 0))) {
            throw new StoreException("The write at offset " + written.offset() + " of the schemas topic '"
                    + settings.topic() + "' was not read back within " + settings.writeTimeout().toMillis()
                    + " ms (kafkastore.timeout.ms); the reader is at " + appliedOffset(), true, null);
        }
    }

    /**
     * Waits until this instance has applied everything in the topic now, without writing: a follower calls it
     * after the leader acknowledged a forwarded write, so that its own next read sees that write.
     */
    @Override
    public void awaitEnd() {
        long timeout = settings.writeTimeout().toMillis();
        long end;
        try {
            end = offsetsAdmin().listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                    .partitionResult(partition).get(timeout, TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreException("Could not find the end of the schemas topic '" + settings.topic() + "': " + e,
                    e instanceof TimeoutException, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the schemas topic", false, e);
        }
        if (!awaitApplied(end, TimeUnit.MILLISECONDS.toNanos(timeout))) {
            throw new StoreException("This instance did not read the schemas topic up to offset " + end + " within "
                    + timeout + " ms (kafkastore.timeout.ms)", true, null);
        }
    }

    private synchronized Admin offsetsAdmin() {
        if (offsetsAdmin == null) {
            offsetsAdmin = Admin.create(settings.clientConfig());
        }
        return offsetsAdmin;
    }

    /** Writes a NOOP marker and waits until it is applied: the state then holds every earlier write. */
    @Override
    public void catchUp() {
        write(new StoreKey.Noop(), null);
    }

    @Override
    public void close() {
        closing = true;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        synchronized (this) {
            if (offsetsAdmin != null) {
                offsetsAdmin.close(Duration.ofSeconds(2));
            }
        }
    }
}

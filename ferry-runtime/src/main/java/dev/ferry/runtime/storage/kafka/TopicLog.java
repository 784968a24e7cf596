package dev.ferry.runtime.storage.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic used as a replicated log, which is how a distributed cluster shares its
 * configs, offsets and statuses: every worker writes to it and every worker reads all of it, from
 * the beginning, into its own in-memory view.
 *
 * <h2>Reading</h2>
 * The consumer is assigned every partition of the topic by hand (no consumer group: nothing is
 * committed, and each worker must see every record) and seeks to the beginning. {@link #start()}
 * reads up to the end offsets it sees when called, on the caller's thread, and only then returns,
 * so a store is complete once started. After that a background thread keeps polling and hands
 * each record, in partition order, to the callback. {@link #readToEnd()} asks the thread to take
 * a fresh snapshot of the end offsets and completes once everything before them was handed over:
 * that is how a worker makes sure it has seen what others wrote before acting on it.
 *
 * <h2>Writing</h2>
 * One producer with {@code acks=all} and one request in flight per connection, so that retried
 * batches are never reordered. Keys go through the default partitioner (murmur2 of the key bytes)
 * exactly as Apache's do, so a key lands in the same partition whichever runtime wrote it and
 * compaction keeps the last write of each key.
 *
 * <h2>Threads</h2>
 * The consumer belongs to the reader thread after {@link #start()}; other threads only wake it.
 * The callback runs on the thread that called {@link #start()} during the initial read, then on
 * the reader thread; it must not block on anything that waits for a {@link #readToEnd()}.
 * {@link #send}, {@link #flush()} and {@link #readToEnd()} may be called from any thread.
 */
public final class TopicLog {
    private static final Logger log = LoggerFactory.getLogger(TopicLog.class);

    /** How long {@link #start()} waits for the topic to appear in metadata (a topic just created may lag). */
    private static final Duration PARTITIONS_TIMEOUT = Duration.ofSeconds(30);

    /** Upper bound of the growing pause between metadata lookups while waiting for the topic. */
    private static final long PARTITIONS_MAX_BACKOFF_MS = 1000;

    /** Bound of one poll while catching up with known end offsets, after which positions are checked again. */
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(500);

    /** Poll when idle: effectively forever, as new records or {@link #readToEnd()} (a wakeup) end it. */
    private static final Duration IDLE_POLL = Duration.ofMillis(Integer.MAX_VALUE);

    /** Pause after a failed read-to-end before the reader thread tries again. */
    private static final long RETRY_BACKOFF_MS = 200;

    /** How long {@link #stop()} lets the producer finish sending what it holds. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> producerConfig;
    private final Map<String, Object> consumerConfig;
    private final Consumer<ConsumerRecord<byte[], byte[]>> callback;

    private final Deque<CompletableFuture<Void>> readRequests = new ArrayDeque<>(); // guarded by this
    private boolean started; // guarded by this
    private boolean stopping; // guarded by this

    private volatile Producer<byte[], byte[]> producer;
    private volatile org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private Thread reader;
    private volatile int partitionCount;

    /**
     * @param producerConfig producer settings (bootstrap servers, security, client id, ...); the
     *                       serializers, {@code acks} and in-flight limit are set here
     * @param consumerConfig consumer settings; the deserializers, offset reset and auto commit are
     *                       set here, and any {@code group.id} is dropped
     * @param callback       receives every record read, in order per partition
     */
    public TopicLog(String topic, Map<String, Object> producerConfig, Map<String, Object> consumerConfig,
                    Consumer<ConsumerRecord<byte[], byte[]>> callback) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A read-back after a write (every REST change on the leader) otherwise often waits out a
        // parked fetch of the default 500 ms; these topics are small, so shorter fetches cost little.
        this.consumerConfig.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /** The topic this log reads and writes. */
    public String topic() {
        return topic;
    }

    /**
     * Connects, reads the whole topic up to its current end (handing every record to the callback
     * on this thread), then starts the reader thread.
     *
     * @throws ConnectException if the topic does not show up in time or cannot be read
     */
    public void start() {
        start(() -> { });
    }

    /**
     * {@link #start()}, running {@code caughtUp} after the initial read and before the reader
     * thread starts: every record the callback receives after {@code caughtUp} ran is one written
     * after (or during) startup.
     */
    public void start(Runnable caughtUp) {
        synchronized (this) {
            if (started || stopping) {
                throw new IllegalStateException("The log of topic '" + topic + "' was already started");
            }
        }
        log.info("Reading topic '{}' from the beginning", topic);
        producer = new KafkaProducer<>(producerConfig);
        consumer = new KafkaConsumer<>(consumerConfig);
        try {
            List<TopicPartition> partitions = awaitPartitions();
            partitionCount = partitions.size();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            catchUp();
            caughtUp.run();
        } catch (RuntimeException e) {
            closeClients();
            if (e instanceof ConnectException) {
                throw e;
            }
            throw new ConnectException("Could not read topic '" + topic + "': " + e.getMessage(), e);
        }
        synchronized (this) {
            started = true;
        }
        reader = new Thread(this::readLoop, "ferry-topic-log-" + topic);
        reader.setDaemon(true);
        reader.start();
        log.info("Read topic '{}' ({} partitions) to its end", topic, partitionCount);
    }

    /**
     * Completes once every record written before this call (including this worker's own sends,
     * which are flushed first) has been handed to the callback; fails if the log stops first.
     */
    public CompletableFuture<Void> readToEnd() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (!started || stopping) {
                done.completeExceptionally(new ConnectException("The log of topic '" + topic + "' is not running"));
                return done;
            }
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            done.completeExceptionally(new ConnectException("Could not flush the writes to topic '" + topic + "'", e));
            return done;
        }
        synchronized (this) {
            if (stopping) {
                done.completeExceptionally(new ConnectException("The log of topic '" + topic + "' was stopped"));
                return done;
            }
            readRequests.add(done);
        }
        consumer.wakeup();
        return done;
    }

    /** Writes a record; a null value is a tombstone. The future completes when the broker has acknowledged it. */
    public Future<RecordMetadata> send(byte[] key, byte[] value) {
        return send(key, value, null);
    }

    /** {@link #send(byte[], byte[])} with a callback run on the producer's I/O thread when it completes. */
    public Future<RecordMetadata> send(byte[] key, byte[] value, Callback onCompletion) {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            throw new IllegalStateException("The log of topic '" + topic + "' is not started");
        }
        return p.send(new ProducerRecord<>(topic, key, value), onCompletion);
    }

    /** Blocks until everything sent so far is acknowledged (or failed). */
    public void flush() {
        Producer<byte[], byte[]> p = producer;
        if (p != null) {
            p.flush();
        }
    }

    /** The number of partitions read; known once {@link #start()} returned. */
    public int partitionCount() {
        return partitionCount;
    }

    /**
     * Stops the reader thread, fails pending {@link #readToEnd()} futures and closes the clients,
     * giving the producer up to {@link #CLOSE_TIMEOUT} to deliver what it holds. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (reader != null) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        completeRequests(Integer.MAX_VALUE, new ConnectException("The log of topic '" + topic + "' was stopped"));
        closeClients();
        log.info("Stopped reading topic '{}'", topic);
    }

    private List<TopicPartition> awaitPartitions() {
        long deadline = System.nanoTime() + PARTITIONS_TIMEOUT.toNanos();
        long backoff = 50;
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                infos = List.of();
            }
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new ConnectException("Topic '" + topic + "' did not show up in the cluster's metadata within "
                        + PARTITIONS_TIMEOUT.toSeconds() + " s. Check that it exists (automatic creation is off for "
                        + "internal topics unless the worker may create topics) and that bootstrap.servers is right.");
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, PARTITIONS_MAX_BACKOFF_MS);
        }
    }

    /** Consumes until the position of every partition reaches the end offset seen on entry. */
    private void catchUp() {
        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(consumer.assignment());
        while (true) {
            boolean behind = false;
            for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
                if (consumer.position(end.getKey()) < end.getValue()) {
                    behind = true;
                    break;
                }
            }
            if (!behind) {
                return;
            }
            poll(CATCH_UP_POLL);
        }
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                callback.accept(record);
            } catch (RuntimeException e) {
                log.error("Skipping the record of topic '{}' at partition {} offset {}: it could not be applied",
                        topic, record.partition(), record.offset(), e);
            }
        }
    }

    private void readLoop() {
        while (true) {
            int requests;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                requests = readRequests.size();
            }
            try {
                if (requests > 0) {
                    catchUp();
                    completeRequests(requests, null);
                }
                poll(IDLE_POLL);
            } catch (WakeupException e) {
                // A read-to-end request or stop(); the loop looks at both.
            } catch (RetriableException e) {
                log.warn("Reading topic '{}' failed for now ({}); retrying", topic, e.toString());
                sleep(RETRY_BACKOFF_MS);
            } catch (Throwable t) {
                log.error("Reading topic '{}' failed", topic, t);
                completeRequests(requests, t);
                sleep(RETRY_BACKOFF_MS);
            }
        }
    }

    /** Completes the oldest {@code count} read requests, outside the lock so their dependents do not run under it. */
    private void completeRequests(int count, Throwable error) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < count && !readRequests.isEmpty(); i++) {
                done.add(readRequests.poll());
            }
        }
        for (CompletableFuture<Void> request : done) {
            if (error == null) {
                request.complete(null);
            } else {
                request.completeExceptionally(error);
            }
        }
    }

    private void closeClients() {
        Producer<byte[], byte[]> p = producer;
        if (p != null) {
            try {
                p.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("Closing the producer of topic '{}' failed", topic, e);
            }
        }
        org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.warn("Closing the consumer of topic '{}' failed", topic, e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

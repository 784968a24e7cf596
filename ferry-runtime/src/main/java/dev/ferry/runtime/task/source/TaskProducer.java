package dev.ferry.runtime.task.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * One source task's view of a producer it shares with other tasks ({@link SharedProducers}): to
 * the task it is its own producer, with Apache's per-task guarantees kept.
 *
 * <ul>
 *   <li>Buffer: the task may have at most its {@code buffer.memory} of records unacknowledged, and
 *   {@code send} blocks (up to {@code max.block.ms}, then {@link BufferExhaustedException}) when
 *   it has, as its own producer's would; a task whose topic is unavailable fills only its own
 *   share, never the others'.</li>
 *   <li>Failures: a record that cannot be sent fails through its own callback, so only the task
 *   that sent it sees the error. Callbacks run on {@link OrderedCallbacks}, not on the shared I/O
 *   thread, so a task blocked in them holds up no other task.</li>
 *   <li>Metrics: {@link TaskProducerMetrics} under the task's client id.</li>
 *   <li>{@code flush} and {@code close} wait for this task's records only; closing the last task
 *   of a shared producer closes it.</li>
 * </ul>
 * Never transactional: exactly-once tasks keep a producer of their own.
 *
 * <p>Thread contract: {@code send}, {@code flush} and {@code close} from the task's thread; the
 * completions arrive on the shared producer's I/O thread. The counts of outstanding bytes and
 * records are atomics rather than fields under {@code lock}: every record passes through them
 * twice, once on each thread, and a monitor the two threads took in turn for every record cost
 * more CPU than the rest of the sharing together. The lock is taken only to wait (buffer full,
 * {@code flush}) and, by a completion, only when someone is waiting.
 */
final class TaskProducer implements Producer<byte[], byte[]> {
    /** A record batch's header plus a record's largest fixed overhead, as Kafka's size estimate counts them. */
    private static final int RECORD_OVERHEAD = 61 + 21;

    private final SharedProducers.Shared shared;
    private final long quotaBytes;
    private final long maxBlockMs;
    private final TaskProducerMetrics metrics;
    private final OrderedCallbacks callbacks;
    private final Object lock = new Object();
    private final AtomicLong outstandingBytes = new AtomicLong();
    /** Records sent whose completion has not yet been handled (their callbacks may still be queued). */
    private final AtomicInteger outstandingRecords = new AtomicInteger();
    /** Threads waiting on {@code lock}: a completion notifies only when this is above zero. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed; // set under lock

    TaskProducer(SharedProducers.Shared shared, String clientId, long quotaBytes, long maxBlockMs,
                 OrderedCallbacks callbacks, long nowMs) {
        this.shared = shared;
        this.quotaBytes = quotaBytes;
        this.maxBlockMs = maxBlockMs;
        this.callbacks = callbacks;
        this.metrics = shared.taskMetrics(clientId, quotaBytes, this::outstandingBytes, nowMs);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        int size = sizeOf(record);
        reserve(size);
        metrics.recordSize(size);
        String topic = record.topic();
        try {
            return shared.producer().send(record, (metadata, error) -> completed(topic, size, metadata, error, callback));
        } catch (RuntimeException e) {
            releaseBytes(size);
            releaseRecord();
            metrics.failed(topic);
            throw e;
        }
    }

    @Override
    public void flush() {
        awaitOwnRecords(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long timeoutMs = Math.max(0, timeout.toMillis());
        long deadline = deadline(timeoutMs);
        if (timeoutMs > 0) {
            awaitOwnRecords(timeoutMs);
        }
        metrics.close();
        shared.release(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return shared.producer().partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return shared.producer().clientInstanceId(timeout);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        shared.producer().registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        shared.producer().unregisterMetricFromSubscription(metric);
    }

    @Override
    public void initTransactions() {
        throw notTransactional();
    }

    @Override
    public void beginTransaction() {
        throw notTransactional();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        throw notTransactional();
    }

    @Override
    public void commitTransaction() {
        throw notTransactional();
    }

    @Override
    public void abortTransaction() {
        throw notTransactional();
    }

    long outstandingBytes() {
        return outstandingBytes.get();
    }

    private void completed(String topic, int size, RecordMetadata metadata, Exception error, Callback callback) {
        if (error == null) {
            metrics.acknowledged(topic, size);
        } else {
            metrics.failed(topic);
        }
        try {
            if (callback != null && shared.hasOneUser() && callbacks.isIdle()) {
                // The only task on this producer, with nothing of its own queued: there is no other task
                // to hold up, so the callback runs here as on a producer of its own, without a hand-over.
                try {
                    callback.onCompletion(metadata, error);
                } finally {
                    releaseBytes(size);
                }
            } else if (callback != null) {
                // The buffer share is held until the callback has run, as a producer of its own holds
                // its I/O thread: a task stuck in its callbacks stops itself, not the others.
                callbacks.execute(() -> {
                    try {
                        callback.onCompletion(metadata, error);
                    } finally {
                        releaseBytes(size);
                    }
                });
            } else {
                releaseBytes(size);
            }
        } finally {
            // After the hand-over: flush() waits for this count, then for the queued callbacks.
            releaseRecord();
        }
    }

    /** Takes {@code size} bytes of the task's buffer share, waiting for acknowledgements up to {@code max.block.ms}. */
    private void reserve(int size) {
        if (closed) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        if (!tryReserve(size)) {
            awaitShare(size);
        }
        outstandingRecords.incrementAndGet();
    }

    /** Takes the bytes if the share has room; a record larger than the whole share is let through alone, as the producer itself refuses it then. */
    private boolean tryReserve(int size) {
        long current = outstandingBytes.get();
        while (current == 0 || current + size <= quotaBytes) {
            if (outstandingBytes.compareAndSet(current, current + size)) {
                return true;
            }
            current = outstandingBytes.get();
        }
        return false;
    }

    private void awaitShare(int size) {
        long deadline = deadline(maxBlockMs);
        synchronized (lock) {
            // Counted as waiting before the check: a completion that frees bytes after it sees the count and notifies.
            waiting.incrementAndGet();
            try {
                while (!tryReserve(size)) {
                    long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                    if (leftMs <= 0) {
                        long available = quotaBytes - outstandingBytes.get();
                        throw new BufferExhaustedException("Failed to allocate " + size + " bytes within the configured max "
                                + "blocking time " + maxBlockMs + " ms. Total memory: " + quotaBytes + " bytes. Available "
                                + "memory: " + available + " bytes.");
                    }
                    lock.wait(leftMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    private void releaseBytes(int size) {
        outstandingBytes.addAndGet(-size);
        wakeWaiters();
    }

    private void releaseRecord() {
        if (outstandingRecords.decrementAndGet() == 0) {
            // Nothing of the task's is in flight: its counts are brought up to date now, so they
            // never lag behind a task that has gone quiet.
            metrics.flush();
        }
        wakeWaiters();
    }

    private void wakeWaiters() {
        if (waiting.get() > 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until every record this task sent has completed and its callback has run, at most {@code timeoutMs}. */
    private void awaitOwnRecords(long timeoutMs) {
        long deadline = deadline(timeoutMs);
        try {
            synchronized (lock) {
                waiting.incrementAndGet();
                try {
                    while (outstandingRecords.get() > 0) {
                        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                        if (leftMs <= 0) {
                            return;
                        }
                        lock.wait(leftMs);
                    }
                } finally {
                    waiting.decrementAndGet();
                }
            }
            callbacks.awaitIdle(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    private static long deadline(long timeoutMs) {
        long now = System.nanoTime();
        long timeoutNanos = timeoutMs >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE / 2 : timeoutMs * 1_000_000;
        return now + timeoutNanos;
    }

    /** The record's size as Kafka's producer estimates it (its {@code record-size} metric), with its headers. */
    static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        int size = RECORD_OVERHEAD;
        if (record.key() != null) {
            size += record.key().length;
        }
        if (record.value() != null) {
            size += record.value().length;
        }
        for (Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + 10;
            if (header.value() != null) {
                size += header.value().length;
            }
        }
        return size;
    }

    private static UnsupportedOperationException notTransactional() {
        return new UnsupportedOperationException("A source task's shared producer is never transactional; "
                + "exactly-once source tasks get a producer of their own");
    }
}

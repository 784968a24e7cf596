package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Min;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * The {@code source-task-metrics} group of a source task.
 *
 * <p>Recorded once per polled batch, never per record: {@code source-record-poll-*} and
 * {@code poll-batch-*-time-ms} when {@code poll()} returns; {@code source-record-write-*} when
 * every record of the batch has been acknowledged by Kafka or dropped (filtered, or failed with
 * errors tolerated), counting the acknowledged ones, as Apache does. The active count is the
 * number of records polled and not yet written or dropped. Each record of a batch only decrements
 * the batch's {@link Batch} counter.
 *
 * <p>{@code transaction-size-{min,max,avg}} exist only for exactly-once source tasks, as in
 * Apache: {@link #enableTransactionSizes()} registers them, and each committed transaction records
 * the number of records it wrote (aborted ones record nothing).
 *
 * <p>Thread contract: thread-safe. {@link #recordPoll} runs on the task thread; a batch completes
 * on whichever thread handles its last record (often the producer's I/O thread).
 */
public final class SourceTaskMetrics implements AutoCloseable {
    private final MetricGroup group;
    private final boolean recordMetrics;
    private final Sensor poll;
    private final Sensor write;
    private final Sensor pollTime;
    private final Sensor active;
    private final AtomicInteger activeRecords = new AtomicInteger();
    private volatile Sensor transactionSize;

    SourceTaskMetrics(ConnectMetrics metrics, ConnectorTaskId id) {
        this.recordMetrics = metrics.recordMetricsEnabled();
        this.group = metrics.group("source-task-metrics", "connector", id.connector(),
                "task", Integer.toString(id.task()));
        poll = group.meter("source-record-poll",
                "The average number of records per second that this task polled from the source system "
                        + "(before transformations).",
                "The number of records this task has polled from the source system (before transformations).");
        write = group.meter("source-record-write",
                "The average number of records per second that this task wrote to Kafka (after transformations; "
                        + "dropped records are not counted).",
                "The number of records this task has written to Kafka (after transformations; dropped records "
                        + "are not counted).");
        pollTime = group.sensor("poll-batch-time");
        pollTime.add(group.metricName("poll-batch-max-time-ms",
                "The longest time this task took to poll a batch of records, in milliseconds."), new Max());
        pollTime.add(group.metricName("poll-batch-avg-time-ms",
                "The average time this task took to poll a batch of records, in milliseconds."), new Avg());
        active = group.sensor("source-record-active-count");
        active.add(group.metricName("source-record-active-count",
                "The number of records polled by this task and not yet written to Kafka."), new Value());
        active.add(group.metricName("source-record-active-count-max",
                "The most records polled by this task and not yet written to Kafka."), new Max());
        active.add(group.metricName("source-record-active-count-avg",
                "The average number of records polled by this task and not yet written to Kafka."), new Avg());
    }

    /**
     * {@code poll()} returned {@code size} records after {@code durationMs}; returns the counter
     * the records of this batch report to when they are written or dropped.
     */
    public Batch recordPoll(int size, long durationMs) {
        if (!recordMetrics) {
            return Batch.IGNORED;
        }
        poll.record(size);
        pollTime.record(durationMs);
        active.record(activeRecords.addAndGet(size));
        return new Batch(this, size);
    }

    /** Registers {@code transaction-size-{min,max,avg}}; called once when an exactly-once task is built. */
    public synchronized void enableTransactionSizes() {
        if (transactionSize != null) {
            return;
        }
        Sensor sensor = group.sensor("transaction-size");
        sensor.add(group.metricName("transaction-size-min",
                "The number of records in the smallest transaction the task committed."), new Min());
        sensor.add(group.metricName("transaction-size-max",
                "The number of records in the largest transaction the task committed."), new Max());
        sensor.add(group.metricName("transaction-size-avg",
                "The average number of records in the transactions the task committed."), new Avg());
        transactionSize = sensor;
    }

    /** A transaction of {@code records} records was committed; ignored unless {@link #enableTransactionSizes()} ran. */
    public void recordTransaction(int records) {
        Sensor sensor = transactionSize;
        if (sensor != null) {
            sensor.record(records);
        }
    }

    private void batchDone(int size, int written) {
        write.record(written);
        active.record(Math.max(0, activeRecords.addAndGet(-size)));
    }

    @Override
    public void close() {
        group.close();
    }

    /**
     * Counts down the records of one polled batch; the last one records the batch's writes.
     *
     * <p>Thread contract: thread-safe (one atomic per record).
     */
    public static final class Batch {
        /** A batch nobody counts: per-record metrics are off. */
        static final Batch IGNORED = new Batch(null, 0);

        private final SourceTaskMetrics owner;
        private final int size;
        private final AtomicInteger remaining;
        private final AtomicInteger dropped = new AtomicInteger();

        private Batch(SourceTaskMetrics owner, int size) {
            this.owner = owner;
            this.size = size;
            this.remaining = new AtomicInteger(size);
        }

        /** Kafka acknowledged one record of the batch. */
        public void written() {
            countDown();
        }

        /** One record of the batch was dropped: filtered, or failed with errors tolerated. */
        public void dropped() {
            if (owner != null) {
                dropped.incrementAndGet();
                countDown();
            }
        }

        private void countDown() {
            if (owner != null && remaining.decrementAndGet() == 0) {
                owner.batchDone(size, size - dropped.get());
            }
        }
    }
}

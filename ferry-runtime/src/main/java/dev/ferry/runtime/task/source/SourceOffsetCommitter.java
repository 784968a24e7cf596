package dev.ferry.runtime.task.source;

import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.runtime.task.LoggingContext;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a source task's offsets (at-least-once delivery).
 *
 * <h2>What is committed</h2>
 * A source offset says "everything up to here is in Kafka". So an offset is only written once the
 * producer has acknowledged its record and every record before it from the same source partition:
 * {@link SubmittedRecords} hands out exactly that acknowledged prefix. Records dropped by a
 * transform or a tolerated error contribute no offset (Apache's at-least-once rule): their
 * offsets become durable with the next record that is actually delivered.
 *
 * <h2>When</h2>
 * Every {@code offset.flush.interval.ms} (fixed delay, so a slow store never causes commits to pile
 * up) on the worker's shared commit scheduler, and once more on the task thread when the task stops
 * normally (not when it fails or is cancelled: a failed task may have skipped records it never
 * acknowledged, and a cancelled task may have been replaced already).
 *
 * <h2>How</h2>
 * The committable offsets are merged into a pending map (latest offset per partition wins),
 * encoded in Apache's format ({@link OffsetCodec}: key {@code ["<connector>",{partition}]}, value
 * the offset JSON) and written to the {@link OffsetBackingStore}, waiting at most
 * {@code offset.flush.timeout.ms}. Only after the write succeeds is the pending map cleared and
 * {@link SourceTask#commit()} called, so a connector that acknowledges upstream in {@code commit()}
 * never gets ahead of what is stored. A failed or slow write leaves the pending map in place; the
 * next commit retries it together with anything newer.
 *
 * <p>Thread contract: {@link #commit()} runs on the scheduler thread or, for the final commit, on
 * the task thread; it is synchronized so the two never overlap. {@link #schedule} and
 * {@link #cancel} are called by the runner.
 */
final class SourceOffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(SourceOffsetCommitter.class);

    private final ConnectorTaskId id;
    private final SubmittedRecords submitted;
    private final OffsetBackingStore store;
    private final SourceTask task;
    private final long flushTimeoutMs;
    private final Time time;
    private final TaskMetrics metrics;
    private final Map<Map<String, Object>, Map<String, Object>> pending = new LinkedHashMap<>();
    private ScheduledFuture<?> scheduled;
    private long commits;
    private long failures;

    SourceOffsetCommitter(ConnectorTaskId id, SubmittedRecords submitted, OffsetBackingStore store, SourceTask task,
                          long flushTimeoutMs, Time time) {
        this(id, submitted, store, task, flushTimeoutMs, time, null);
    }

    /** A committer that also records each commit's duration and outcome in {@code metrics} (may be null). */
    SourceOffsetCommitter(ConnectorTaskId id, SubmittedRecords submitted, OffsetBackingStore store, SourceTask task,
                          long flushTimeoutMs, Time time, TaskMetrics metrics) {
        this.metrics = metrics;
        this.id = id;
        this.submitted = submitted;
        this.store = store;
        this.task = task;
        this.flushTimeoutMs = flushTimeoutMs;
        this.time = time;
    }

    /** Starts committing every {@code intervalMs} on the given scheduler. */
    synchronized void schedule(ScheduledExecutorService scheduler, long intervalMs) {
        scheduled = scheduler.scheduleWithFixedDelay(this::commitQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic commits; a commit in progress finishes. */
    void cancel() {
        ScheduledFuture<?> toCancel;
        synchronized (this) {
            toCancel = scheduled;
            scheduled = null;
        }
        if (toCancel != null) {
            toCancel.cancel(false);
        }
    }

    /**
     * Writes the offsets of every acknowledged prefix to the store, then calls the task's
     * {@code commit()}.
     *
     * @return true if the offsets were stored (or there were none)
     */
    synchronized boolean commit() {
        try (LoggingContext ignored = LoggingContext.forOffsets(id)) {
            long started = time.milliseconds();
            SubmittedRecords.Committable committable = submitted.committable();
            pending.putAll(committable.offsets());
            if (!pending.isEmpty() && !write(started)) {
                failures++;
                if (metrics != null) {
                    metrics.recordCommit(time.milliseconds() - started, false);
                }
                return false;
            }
            if (committable.pending() > 0) {
                log.debug("{} records are waiting for earlier records of the same source partition to be acknowledged",
                        committable.pending());
            }
            commits++;
            if (metrics != null) {
                metrics.recordCommit(time.milliseconds() - started, true);
            }
            callTaskCommit();
            return true;
        }
    }

    /**
     * The final commit of a task that stops normally: waits up to {@code offset.flush.timeout.ms}
     * for the records still in flight, then commits the offsets of those acknowledged by then.
     */
    boolean commitWhenAcknowledged() {
        try {
            if (!submitted.awaitAllAcked(flushTimeoutMs, TimeUnit.MILLISECONDS)) {
                log.warn("{} {} records were not acknowledged within offset.flush.timeout.ms={}; committing the "
                        + "offsets of those that were", id, submitted.unackedCount(), flushTimeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return commit();
    }

    /** How many commits succeeded; for tests and metrics. */
    synchronized long commitCount() {
        return commits;
    }

    /** How many commits failed to store their offsets; for tests and metrics. */
    synchronized long failureCount() {
        return failures;
    }

    private boolean write(long started) {
        Map<ByteBuffer, ByteBuffer> encoded = new LinkedHashMap<>();
        for (Map.Entry<Map<String, Object>, Map<String, Object>> entry : pending.entrySet()) {
            try {
                encoded.put(OffsetCodec.key(id.connector(), entry.getKey()), OffsetCodec.value(entry.getValue()));
            } catch (RuntimeException e) {
                log.error("Dropping the offset {} of source partition {}: it cannot be stored", entry.getValue(),
                        entry.getKey(), e);
            }
        }
        try {
            store.set(encoded).get(flushTimeoutMs, TimeUnit.MILLISECONDS);
            log.debug("Committed {} source offsets in {} ms", encoded.size(), time.milliseconds() - started);
            pending.clear();
            return true;
        } catch (TimeoutException e) {
            log.error("Could not store {} source offsets within offset.flush.timeout.ms={}; they will be retried with "
                    + "the next commit", encoded.size(), flushTimeoutMs);
        } catch (ExecutionException e) {
            log.error("Could not store {} source offsets; they will be retried with the next commit", encoded.size(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while storing source offsets; they will be retried with the next commit");
        }
        return false;
    }

    private void callTaskCommit() {
        try {
            task.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("Exception thrown while calling task.commit()", t);
        }
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (Throwable t) {
            // Never let an exception end the periodic schedule.
            log.error("Unexpected failure while committing source offsets of task {}", id, t);
        }
    }
}

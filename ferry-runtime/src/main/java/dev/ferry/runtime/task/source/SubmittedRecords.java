package dev.ferry.runtime.task.source;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tracks the records a source task has handed to the producer, so that only offsets of records
 * that Kafka has acknowledged are ever committed.
 *
 * <p>Records are kept in send order, one queue per source partition. The producer may acknowledge
 * them out of order (different topic partitions, retries), so a partition's committable offset is
 * that of the last record in the longest acknowledged prefix of its queue: committing the offset
 * of an acknowledged record behind an unacknowledged one would lose the latter on a restart. The
 * acknowledged prefix is taken off the queue as soon as it forms, keeping only its last offset, so
 * memory follows the records in flight, not the records sent since the last commit (at 100k+
 * records/s and a 10 s commit interval, the latter is over a million objects).
 * {@link #committable()} hands out those offsets; records further back wait for the next commit.
 *
 * <p>The count of unacknowledged records is what bounds a source task's memory: the task thread
 * calls {@link #awaitUnackedAtMost} before handing more records to the producer, and the
 * acknowledgement that brings the count down to the awaited level wakes it. Acknowledgements
 * notify only when someone waits for that level (or for zero), so the common ack costs no wake-up.
 *
 * <p>Thread contract: {@link #submit}, {@link #removeLast} and {@link #awaitUnackedAtMost} run on the
 * task thread, {@link Submitted#ack()} on the producer's I/O thread, {@link #committable()} on the
 * offset commit thread, {@link #wakeUp()} on any thread; all synchronize on this object, and only
 * for short bookkeeping.
 */
final class SubmittedRecords {
    /** Map classes of the JDK whose instances can never change; {@link #copy} keeps them as they are. */
    private static final Set<Class<?>> IMMUTABLE_MAP_CLASSES = Set.copyOf(List.of(
            Collections.emptyMap().getClass(),
            Collections.singletonMap("k", "v").getClass(),
            Map.of().getClass(),
            Map.of("k", "v").getClass(),
            Map.of("k", "v", "k2", "v").getClass()));

    private final Map<Map<String, Object>, PartitionQueue> byPartition = new LinkedHashMap<>();
    private int unacked;
    /** The unacknowledged count a waiter in {@link #awaitUnackedAtMost} waits for; -1 when none waits. */
    private int awaitedLevel = -1;
    /** Set by {@link #wakeUp()} to end the current wait early; cleared when the next wait starts. */
    private boolean wokenUp;
    /** The queue of the partition last submitted to, reused while the task keeps writing that partition. */
    private PartitionQueue lastQueue;

    /** Remembers a record just handed to the producer. */
    synchronized Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
        PartitionQueue queue = partition == null || offset == null ? null : queueFor(partition);
        Submitted record = new Submitted(queue, queue == null ? null : copy(offset));
        if (queue != null) {
            queue.records.addLast(record);
        }
        unacked++;
        return record;
    }

    /** Forgets the most recent record, which the producer refused to take (it will be sent again). */
    synchronized void removeLast(Submitted record) {
        PartitionQueue queue = record.queue;
        if (queue != null && queue.records.peekLast() == record) {
            queue.records.removeLast();
            forgetIfDone(queue);
        }
        if (!record.acked) {
            record.acked = true;
            unacked--;
            notifyIfAwaited();
        }
    }

    /** Returns and clears the latest committable offset of every partition whose acknowledged prefix grew. */
    synchronized Committable committable() {
        Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
        int pending = 0;
        for (PartitionQueue queue : List.copyOf(byPartition.values())) {
            if (queue.ackedOffset != null) {
                offsets.put(queue.partition, queue.ackedOffset);
                queue.ackedOffset = null;
            }
            pending += queue.records.size();
            forgetIfDone(queue);
        }
        return new Committable(offsets, pending);
    }

    /** Waits until every submitted record is acknowledged; false if the time ran out first. */
    synchronized boolean awaitAllAcked(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (unacked > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Waits until at most {@code level} records are unacknowledged, for at most {@code maxWaitMs}
     * or until {@link #wakeUp()}; true if the level was reached. Callers loop, re-checking whether
     * they should stop, so the time limit only bounds how stale that check can get.
     */
    synchronized boolean awaitUnackedAtMost(int level, long maxWaitMs) throws InterruptedException {
        wokenUp = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        try {
            while (unacked > level && !wokenUp) {
                awaitedLevel = level;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return unacked <= level;
        } finally {
            awaitedLevel = -1;
        }
    }

    /** Ends a wait in {@link #awaitUnackedAtMost} early, e.g. because the task is stopping. */
    synchronized void wakeUp() {
        wokenUp = true;
        notifyAll();
    }

    /** How many submitted records have not been acknowledged yet. */
    synchronized int unackedCount() {
        return unacked;
    }

    private synchronized void acked(Submitted record) {
        if (record.acked) {
            return;
        }
        record.acked = true;
        unacked--;
        PartitionQueue queue = record.queue;
        if (queue != null && queue.records.peekFirst() == record) {
            // The acknowledged prefix grew: keep only its last offset.
            Submitted head;
            while ((head = queue.records.peekFirst()) != null && head.acked) {
                queue.ackedOffset = queue.records.removeFirst().offset;
            }
        }
        notifyIfAwaited();
    }

    /** Wakes waiters only when the count reaches what they wait for: zero, or a waiter's level. */
    private void notifyIfAwaited() {
        if (unacked == 0 || unacked == awaitedLevel) {
            notifyAll();
        }
    }

    private PartitionQueue queueFor(Map<String, ?> partition) {
        PartitionQueue last = lastQueue;
        if (last != null && last.partition.equals(partition)) {
            return last;
        }
        Map<String, Object> key = copy(partition);
        PartitionQueue queue = byPartition.computeIfAbsent(key, PartitionQueue::new);
        lastQueue = queue;
        return queue;
    }

    /** Drops a partition with nothing in flight and nothing left to commit. */
    private void forgetIfDone(PartitionQueue queue) {
        if (queue.records.isEmpty() && queue.ackedOffset == null) {
            byPartition.remove(queue.partition, queue);
            if (queue == lastQueue) {
                lastQueue = null;
            }
        }
    }

    /**
     * A copy of a map the task may still change, keeping its iteration order (it decides the bytes of the
     * stored offset key). The JDK's immutable maps, which many tasks return ({@code Collections.singletonMap},
     * {@code Map.of}), cannot change and are kept as they are: a copy per record was the largest allocation
     * of the runtime's own on a FileStreamSource task's record path.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        if (IMMUTABLE_MAP_CLASSES.contains(map.getClass())) {
            return (Map<String, Object>) map;
        }
        return new LinkedHashMap<>(map);
    }


    /** One source partition's records in send order, and the newest offset of its acknowledged prefix. */
    private static final class PartitionQueue {
        final Map<String, Object> partition;
        final Deque<Submitted> records = new ArrayDeque<>();
        /** The offset of the last record taken off as part of the acknowledged prefix; null once committed. */
        Map<String, Object> ackedOffset;

        PartitionQueue(Map<String, Object> partition) {
            this.partition = partition;
        }
    }

    /** One record handed to the producer. */
    final class Submitted {
        private final PartitionQueue queue;
        private final Map<String, Object> offset;
        private boolean acked; // guarded by SubmittedRecords.this

        private Submitted(PartitionQueue queue, Map<String, Object> offset) {
            this.queue = queue;
            this.offset = offset;
        }

        /** Kafka has the record (or it was dropped for good): its offset may be committed. */
        void ack() {
            acked(this);
        }
    }

    /**
     * What a commit may write.
     *
     * @param offsets the latest committable offset per source partition
     * @param pending records still waiting behind an unacknowledged one
     */
    record Committable(Map<Map<String, Object>, Map<String, Object>> offsets, int pending) {
    }
}

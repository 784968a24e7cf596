package dev.ferry.runtime.task.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tracks the records a source task has handed to the producer, so that only offsets of records
 * that Kafka has acknowledged are ever committed.
 *
 * <p>Records are kept in send order, one queue per source partition. The producer may acknowledge
 * them out of order (different topic partitions, retries), so a partition's committable offset is
 * that of the last record in the longest acknowledged prefix of its queue: committing the offset
 * of an acknowledged record behind an unacknowledged one would lose the latter on a restart.
 * {@link #committable()} removes that prefix and returns its offsets; records further back wait for
 * the next commit.
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
    private final Map<Map<String, Object>, Deque<Submitted>> byPartition = new HashMap<>();
    private int unacked;
    /** The unacknowledged count a waiter in {@link #awaitUnackedAtMost} waits for; -1 when none waits. */
    private int awaitedLevel = -1;
    /** Set by {@link #wakeUp()} to end the current wait early; cleared when the next wait starts. */
    private boolean wokenUp;
    /** The last partition's stored copy, reused while the task keeps writing the same partition. */
    private Map<String, Object> lastPartition;

    /** Remembers a record just handed to the producer. */
    synchronized Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
        Submitted record = new Submitted(partitionKey(partition), copy(offset));
        if (record.partition != null && record.offset != null) {
            byPartition.computeIfAbsent(record.partition, p -> new ArrayDeque<>()).addLast(record);
        }
        unacked++;
        return record;
    }

    /** Forgets the most recent record, which the producer refused to take (it will be sent again). */
    synchronized void removeLast(Submitted record) {
        if (record.partition != null && record.offset != null) {
            Deque<Submitted> queue = byPartition.get(record.partition);
            if (queue != null && queue.peekLast() == record) {
                queue.removeLast();
                if (queue.isEmpty()) {
                    byPartition.remove(record.partition);
                }
            }
        }
        if (!record.acked) {
            record.acked = true;
            unacked--;
            notifyIfAwaited();
        }
    }

    /** Removes the acknowledged prefix of every partition's queue and returns what may be committed. */
    synchronized Committable committable() {
        Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
        int pending = 0;
        Iterator<Map.Entry<Map<String, Object>, Deque<Submitted>>> partitions = byPartition.entrySet().iterator();
        while (partitions.hasNext()) {
            Map.Entry<Map<String, Object>, Deque<Submitted>> entry = partitions.next();
            Deque<Submitted> queue = entry.getValue();
            Submitted last = null;
            while (!queue.isEmpty() && queue.peekFirst().acked) {
                last = queue.removeFirst();
            }
            if (last != null) {
                offsets.put(entry.getKey(), last.offset);
            }
            pending += queue.size();
            if (queue.isEmpty()) {
                partitions.remove();
            }
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
        if (!record.acked) {
            record.acked = true;
            unacked--;
            notifyIfAwaited();
        }
    }

    /** Wakes waiters only when the count reaches what they wait for: zero, or a waiter's level. */
    private void notifyIfAwaited() {
        if (unacked == 0 || unacked == awaitedLevel) {
            notifyAll();
        }
    }

    private Map<String, Object> partitionKey(Map<String, ?> partition) {
        if (partition == null) {
            return null;
        }
        if (!partition.equals(lastPartition)) {
            lastPartition = copy(partition);
        }
        return lastPartition;
    }

    /** Copies keep the task's iteration order: it decides the bytes of the stored offset key. */
    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }

    /** One record handed to the producer. */
    final class Submitted {
        private final Map<String, Object> partition;
        private final Map<String, Object> offset;
        private boolean acked; // guarded by SubmittedRecords.this

        private Submitted(Map<String, Object> partition, Map<String, Object> offset) {
            this.partition = partition;
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

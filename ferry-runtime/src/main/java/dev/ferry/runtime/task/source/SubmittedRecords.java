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
 * <p>Thread contract: {@link #submit} and {@link #removeLast} run on the task thread,
 * {@link Submitted#ack()} on the producer's I/O thread, {@link #committable()} on the offset commit
 * thread; all synchronize on this object, and only for short bookkeeping.
 */
final class SubmittedRecords {
    private final Map<Map<String, Object>, Deque<Submitted>> byPartition = new HashMap<>();
    private int unacked;

    /** Remembers a record just handed to the producer. */
    synchronized Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
        Submitted record = new Submitted(copy(partition), copy(offset));
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
            notifyAll();
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

    /** How many submitted records have not been acknowledged yet. */
    synchronized int unackedCount() {
        return unacked;
    }

    private synchronized void acked(Submitted record) {
        if (!record.acked) {
            record.acked = true;
            unacked--;
            notifyAll();
        }
    }

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

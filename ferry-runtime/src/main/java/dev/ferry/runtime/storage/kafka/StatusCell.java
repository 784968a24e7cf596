package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The status of one key (one connector or task) as this worker shows it.
 *
 * <p>What the topic says wins in the end, but a worker must see its own writes at once: a status
 * written here is shown immediately, and while writes of this worker to the key are in flight,
 * records read back for the key are remembered but not shown, since they may be older than the
 * pending write. When the last pending write settles, the last record read is shown if it is at
 * least as new as this worker's last acknowledged write (same key, so same partition, so offsets
 * compare), and this worker's write stays shown otherwise. A write that failed for good thus
 * gives way to what the topic holds.
 *
 * <p>Every change of the status shown grows the store's version ({@code StatusStore#version}), after the change.
 *
 * <p>Thread contract: all methods are synchronized; writers, the producer's callbacks and the
 * reader thread call them.
 */
final class StatusCell {
    private final AtomicLong version;
    private InstanceStatus shown;
    private InstanceStatus lastRead;
    private long lastReadOffset = -1;
    private long lastAckedOffset = -1;
    private int sequence;
    private int pending;

    StatusCell(AtomicLong version) {
        this.version = version;
    }

    /**
     * Shows a status this worker is about to write (null for a tombstone) and returns the write's
     * sequence number; with {@code safe}, does nothing and returns 0 when another worker owns the
     * key now: it wrote the shown status in a newer generation.
     */
    synchronized int write(InstanceStatus status, boolean safe) {
        if (safe && status != null && shown != null && shown.workerId() != null
                && !shown.workerId().equals(status.workerId()) && shown.generation() > status.generation()) {
            return 0;
        }
        show(status);
        pending++;
        return ++sequence;
    }

    /** Whether {@code sequence} is still this worker's latest write to the key (a retry of an older one must not overwrite it). */
    synchronized boolean isLatest(int sequence) {
        return this.sequence == sequence;
    }

    /** A write was acknowledged at {@code offset}. */
    synchronized void acknowledged(long offset) {
        pending--;
        lastAckedOffset = Math.max(lastAckedOffset, offset);
        settle();
    }

    /** A write was given up (failed for good, or superseded before a retry). */
    synchronized void abandoned() {
        pending--;
        settle();
    }

    /**
     * A record read back from the topic (null status for a tombstone). A task's UNASSIGNED from a
     * generation no newer than its RUNNING is ignored, as Apache does: during quick rebalances a
     * worker may report UNASSIGNED after another already reported the task running. A connector's
     * UNASSIGNED is ignored on the same terms when another worker wrote the RUNNING: after a broker
     * outage, the previous owner's UNASSIGNED, written while the broker was away, may land after
     * the next owner's RUNNING (Apache would show the connector UNASSIGNED until its next change).
     */
    synchronized void read(InstanceStatus status, long offset, boolean task) {
        if (status != null && status.state() == State.UNASSIGNED && lastRead != null
                && lastRead.state() == State.RUNNING && lastRead.generation() >= status.generation()
                && (task || !String.valueOf(lastRead.workerId()).equals(status.workerId()))) {
            // Read past, though not shown: on the worker that wrote it, its own write settles only once the
            // topic has been read up to that write's offset, and would otherwise stay shown for good.
            lastReadOffset = Math.max(lastReadOffset, offset);
            settle();
            return;
        }
        lastRead = status;
        lastReadOffset = offset;
        if (pending == 0) {
            show(status);
        }
    }

    /** The key was removed by a record of another key (a connector tombstone removes its tasks). */
    synchronized void forget() {
        lastRead = null;
        if (pending == 0) {
            show(null);
        }
    }

    /** The status to show, or null if there is none. */
    synchronized InstanceStatus shown() {
        return shown;
    }

    private void settle() {
        if (pending == 0 && lastReadOffset >= lastAckedOffset) {
            show(lastRead);
        }
    }

    private void show(InstanceStatus status) {
        if (!Objects.equals(shown, status)) {
            shown = status;
            version.incrementAndGet();
        }
    }
}

package dev.ferry.runtime.task.source;

import java.util.Objects;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

/**
 * Decides where an exactly-once source task's transactions end ({@code transaction.boundary}):
 * <ul>
 *   <li>{@code poll}: after every batch that {@code poll()} returned, once it is handed to the
 *       producer.</li>
 *   <li>{@code interval}: after the first batch that completes at least
 *       {@code transaction.boundary.interval.ms} after the last commit (or start).</li>
 *   <li>{@code connector}: where the task asks through its {@link RunnerTransactionContext},
 *       after a batch or after a given record. An abort drops the transaction's records, but the
 *       runner still commits their offsets in a fresh transaction, so the task is not handed the
 *       same data again (Apache's behaviour).</li>
 * </ul>
 * When the task stops or is paused, {@code poll} and {@code interval} commit what is open;
 * {@code connector} commits only if the task asked for it, since a half-finished transaction of
 * the task's own making must not become visible.
 *
 * <p>Thread contract: used on the task thread only.
 */
final class TransactionBoundaries {
    /** What the runner does at a possible boundary. */
    enum Action {
        /** Keep the transaction open. */
        CONTINUE,
        /** Commit the open transaction (records and offsets). */
        COMMIT,
        /** Abort the open transaction, then commit the offsets of its records in a new one. */
        ABORT_THEN_COMMIT
    }

    private final TransactionBoundary boundary;
    private final long intervalMs;
    private final RunnerTransactionContext context;
    private final Time time;
    private long lastCommitMs;

    /**
     * @param intervalMs used with {@code interval} only
     * @param context    required with {@code connector}, else ignored
     */
    TransactionBoundaries(TransactionBoundary boundary, long intervalMs, RunnerTransactionContext context, Time time) {
        this.boundary = Objects.requireNonNull(boundary, "boundary");
        if (boundary == TransactionBoundary.CONNECTOR) {
            Objects.requireNonNull(context, "connector-defined transaction boundaries need a transaction context");
        }
        this.intervalMs = intervalMs;
        this.context = context;
        this.time = time;
    }

    /** The send loop starts (or resumes after a pause): the interval counts from now. */
    void start() {
        lastCommitMs = time.milliseconds();
    }

    /** The record was handed to the producer (or dropped). */
    Action afterRecord(SourceRecord record) {
        if (boundary != TransactionBoundary.CONNECTOR) {
            return Action.CONTINUE;
        }
        if (context.takeRecordAbort(record)) {
            return Action.ABORT_THEN_COMMIT;
        }
        return context.takeRecordCommit(record) ? Action.COMMIT : Action.CONTINUE;
    }

    /** Every record of a batch was handed to the producer (or dropped). */
    Action afterBatch() {
        switch (boundary) {
            case POLL:
                return Action.COMMIT;
            case INTERVAL:
                long now = time.milliseconds();
                if (now - lastCommitMs >= intervalMs) {
                    lastCommitMs = now;
                    return Action.COMMIT;
                }
                return Action.CONTINUE;
            default:
                if (context.takeBatchAbort()) {
                    return Action.ABORT_THEN_COMMIT;
                }
                return context.takeBatchCommit() ? Action.COMMIT : Action.CONTINUE;
        }
    }

    /** The task stops normally or is paused. */
    Action atEnd() {
        return boundary == TransactionBoundary.CONNECTOR ? afterBatch() : Action.COMMIT;
    }
}

package dev.ferry.runtime.task.source;

import java.util.Objects;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

/**
 * How an exactly-once source task uses transactions; present in a {@link SourceTaskSetup} only
 * when the worker has {@code exactly.once.source.support=enabled}.
 *
 * @param transactionalId       the producer's {@code transactional.id}, {@code <group.id>-<connector>-<task>}
 * @param transactionalIdPrefix what every task of the connector's ids starts with, {@code <group.id>-<connector>-}
 * @param offsetsTopic          the topic the task's offsets are written to in its transactions: the connector's
 *                              {@code offsets.storage.topic}, else the worker's
 * @param boundary              {@code transaction.boundary}
 * @param intervalMs            the commit interval with {@code transaction.boundary=interval}:
 *                              {@code transaction.boundary.interval.ms}, else {@code offset.flush.interval.ms}
 * @param coordinatorTimeoutMs  how long the task waits at start for the transaction coordinator before it fails
 */
public record SourceTransactionSettings(String transactionalId, String transactionalIdPrefix, String offsetsTopic,
                                        TransactionBoundary boundary, long intervalMs, long coordinatorTimeoutMs) {

    public SourceTransactionSettings {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        Objects.requireNonNull(offsetsTopic, "offsetsTopic");
        Objects.requireNonNull(boundary, "boundary");
    }
}

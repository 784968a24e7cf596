package dev.ferry.runtime.task.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a sink task is in each partition assigned to it, as three offsets (each the offset of the
 * next record): the last one committed to the group, the one after the last record {@code put}
 * accepted ({@code current}, what a commit offers the task), and the one after the last record
 * converted but not yet accepted. A partition is known from its assignment to its revocation.
 *
 * <p>Thread contract: the task thread only (rebalance and commit callbacks run on it too).
 */
final class SinkOffsets {
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> converted = new HashMap<>();

    /** A newly assigned partition, starting at the consumer's position. */
    void assigned(TopicPartition partition, long position) {
        OffsetAndMetadata offset = new OffsetAndMetadata(position);
        lastCommitted.put(partition, offset);
        current.put(partition, offset);
    }

    /** Forgets partitions that were revoked or lost. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            current.remove(partition);
            lastCommitted.remove(partition);
            converted.remove(partition);
        }
    }

    Set<TopicPartition> assignedPartitions() {
        return lastCommitted.keySet();
    }

    int assignedCount() {
        return lastCommitted.size();
    }

    /** The partitions a commit may cover: those with a current offset. */
    Set<TopicPartition> committable() {
        return current.keySet();
    }

    /** Records of the partition up to {@code nextOffset} were converted and await {@code put}. */
    void converted(TopicPartition partition, long nextOffset) {
        converted.put(partition, new OffsetAndMetadata(nextOffset));
    }

    /** {@code put} accepted everything converted so far. */
    void accepted() {
        current.putAll(converted);
        converted.clear();
    }

    /** The task asked to continue the partition from {@code offset}: treated as committed there. */
    void rewound(TopicPartition partition, long offset) {
        OffsetAndMetadata position = new OffsetAndMetadata(offset);
        current.put(partition, position);
        lastCommitted.put(partition, position);
        converted.remove(partition);
    }

    /** The current offsets of {@code scope}, as offered to {@code preCommit}. */
    Map<TopicPartition, OffsetAndMetadata> offer(Set<TopicPartition> scope) {
        Map<TopicPartition, OffsetAndMetadata> offered = new HashMap<>();
        for (TopicPartition partition : scope) {
            OffsetAndMetadata offset = current.get(partition);
            if (offset != null) {
                offered.put(partition, offset);
            }
        }
        return offered;
    }

    /**
     * Goes back to the last committed offsets of {@code scope} after a failed commit, dropping what
     * was converted since; returns the offsets to seek the consumer to.
     */
    Map<TopicPartition, Long> backToCommitted(Set<TopicPartition> scope) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (TopicPartition partition : scope) {
            OffsetAndMetadata committed = lastCommitted.get(partition);
            if (committed != null) {
                seeks.put(partition, committed.offset());
                current.put(partition, committed);
            }
        }
        converted.keySet().removeAll(scope);
        return seeks;
    }

    boolean isAssigned(TopicPartition partition) {
        return lastCommitted.containsKey(partition);
    }

    OffsetAndMetadata lastCommitted(TopicPartition partition) {
        return lastCommitted.get(partition);
    }

    /** Records offsets the group now has, for partitions still assigned. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            if (lastCommitted.containsKey(partition)) {
                lastCommitted.put(partition, offset);
            }
        });
    }

    /** Records consumed and not yet committed, summed over the assigned partitions. */
    long activeRecords() {
        long active = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : lastCommitted.entrySet()) {
            OffsetAndMetadata consumedUpTo = converted.get(entry.getKey());
            if (consumedUpTo == null) {
                consumedUpTo = current.get(entry.getKey());
            }
            if (consumedUpTo != null) {
                active += Math.max(0, consumedUpTo.offset() - entry.getValue().offset());
            }
        }
        return active;
    }
}

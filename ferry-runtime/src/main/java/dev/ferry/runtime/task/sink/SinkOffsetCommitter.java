package dev.ferry.runtime.task.sink;

import dev.ferry.runtime.metrics.SinkTaskMetrics;
import dev.ferry.runtime.metrics.TaskMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a sink task's consumer offsets as Apache's runtime does. A commit offers the current
 * offsets to {@code preCommit} (by default the task flushes and agrees), keeps only offsets the
 * task really has, for partitions still assigned and changed since the last commit, and commits
 * them asynchronously; one that does not complete within {@code offset.flush.timeout.ms} is
 * abandoned and counted as failed, and the outcome of an older commit than the latest is ignored.
 * If {@code preCommit} throws, the consumer is rewound to the last committed offsets so nothing is
 * lost. An empty answer from {@code preCommit} means the task manages offsets itself. Reports of
 * errant records for a partition are awaited before its offsets are committed. When partitions
 * close, the task's {@code close} follows {@code preCommit} whatever happens and the commit is
 * synchronous.
 *
 * <p>Thread contract: the task thread only; commit callbacks run on it, inside {@code poll}.
 */
final class SinkOffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(SinkOffsetCommitter.class);

    private final Object owner;
    private final SinkTask task;
    private final Consumer<byte[], byte[]> consumer;
    private final SinkOffsets offsets;
    private final SinkErrantRecordReporter errantReporter;
    private final TaskMetrics metrics;
    private final SinkTaskMetrics sinkMetrics;
    private final Time time;

    private boolean committing;
    /** On the monotonic clock ({@code Time.hiResClockMs}), as every {@code now} the runner passes. */
    private long commitStartedMs;
    private int commitSeqno;
    private int commitFailures;

    /**
     * @param owner          the runner, named in log lines
     * @param errantReporter awaited before a commit, or null when the task has no error reporters
     * @param metrics        the task's runtime metrics, or null for none
     */
    SinkOffsetCommitter(Object owner, SinkTask task, Consumer<byte[], byte[]> consumer, SinkOffsets offsets,
                        SinkErrantRecordReporter errantReporter, TaskMetrics metrics, Time time) {
        this.owner = owner;
        this.task = task;
        this.consumer = consumer;
        this.offsets = offsets;
        this.errantReporter = errantReporter;
        this.metrics = metrics;
        this.sinkMetrics = metrics == null ? null : metrics.sink();
        this.time = time;
    }

    /** Whether an asynchronous commit is still waiting for its outcome. */
    boolean committing() {
        return committing;
    }

    /** How many offset commits in a row have failed. */
    int failures() {
        return commitFailures;
    }

    /** Gives up on a commit in flight for longer than {@code timeoutMs}, counting it as failed. */
    void abandonIfTimedOut(long now, long timeoutMs) {
        if (committing && now >= commitStartedMs + timeoutMs) {
            log.warn("{} Commit of offsets timed out after offset.flush.timeout.ms={}", owner, timeoutMs);
            commitFailures++;
            if (metrics != null) {
                metrics.recordCommit(now - commitStartedMs, false);
            }
            committing = false;
        }
    }

    /**
     * Commits the offsets of {@code partitions}. When {@code closing}, the task's {@code close} is
     * called right after {@code preCommit} (whatever happens) and the commit is synchronous.
     */
    void commit(long now, Collection<TopicPartition> partitions, boolean closing) {
        Set<TopicPartition> scope = new HashSet<>(partitions);
        boolean closed = false;
        try {
            Map<TopicPartition, OffsetAndMetadata> offered = offsets.offer(scope);
            if (offered.isEmpty()) {
                return;
            }
            int seqno = ++commitSeqno;
            if (sinkMetrics != null) {
                sinkMetrics.recordCommitSeqNo(seqno);
            }
            committing = true;
            commitStartedMs = now;
            if (errantReporter != null) {
                errantReporter.awaitReports(offered.keySet());
            }
            Map<TopicPartition, OffsetAndMetadata> fromTask;
            try {
                fromTask = task.preCommit(new HashMap<>(offered));
            } catch (Throwable t) {
                if (closing) {
                    log.warn("{} Offset commit failed while closing partitions", owner, t);
                } else {
                    log.error("{} Offset commit failed, rewinding to last committed offsets", owner, t);
                    offsets.backToCommitted(scope).forEach(consumer::seek);
                }
                completed(seqno, t, null);
                return;
            } finally {
                if (closing) {
                    closed = true;
                    task.close(scope);
                }
            }
            if (fromTask == null || fromTask.isEmpty()) {
                log.debug("{} Skipping offset commit: the task returned no offsets from preCommit", owner);
                completed(seqno, null, null);
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> toCommit = checked(scope, offered, fromTask);
            if (toCommit.isEmpty()) {
                log.debug("{} Skipping offset commit: no change since the last commit", owner);
                completed(seqno, null, null);
                return;
            }
            if (closing) {
                commitSync(seqno, toCommit);
            } else {
                log.debug("{} Committing offsets asynchronously: {}", owner, toCommit);
                consumer.commitAsync(toCommit, (committed, error) -> completed(seqno, error, committed));
            }
        } finally {
            if (closing && !closed) {
                task.close(scope);
            }
        }
    }

    /** The task's offsets that may be committed: for assigned partitions, not beyond what was consumed, and new. */
    private Map<TopicPartition, OffsetAndMetadata> checked(Set<TopicPartition> scope,
                                                           Map<TopicPartition, OffsetAndMetadata> offered,
                                                           Map<TopicPartition, OffsetAndMetadata> fromTask) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : fromTask.entrySet()) {
            TopicPartition partition = entry.getKey();
            OffsetAndMetadata proposed = entry.getValue();
            if (!scope.contains(partition) || !offsets.isAssigned(partition) || proposed == null) {
                log.warn("{} Ignoring the offset {} the task returned for {}: the partition is not assigned to it",
                        owner, proposed, partition);
                continue;
            }
            OffsetAndMetadata consumed = offered.get(partition);
            if (consumed == null || proposed.offset() > consumed.offset()) {
                log.warn("{} Ignoring the offset {} the task returned for {}: it is beyond the consumed offset {}",
                        owner, proposed.offset(), partition, consumed == null ? null : consumed.offset());
                continue;
            }
            if (!proposed.equals(offsets.lastCommitted(partition))) {
                result.put(partition, proposed);
            }
        }
        return result;
    }

    private void commitSync(int seqno, Map<TopicPartition, OffsetAndMetadata> toCommit) {
        log.debug("{} Committing offsets synchronously: {}", owner, toCommit);
        try {
            try {
                consumer.commitSync(toCommit);
            } catch (WakeupException e) {
                // stop() woke the consumer while we are closing anyway: commit once more.
                consumer.commitSync(toCommit);
            }
            completed(seqno, null, toCommit);
        } catch (KafkaException e) {
            completed(seqno, e, null);
        }
    }

    private void completed(int seqno, Throwable error, Map<TopicPartition, OffsetAndMetadata> committed) {
        if (seqno != commitSeqno) {
            log.debug("{} Ignoring the outcome of offset commit {}: commit {} has started since", owner, seqno,
                    commitSeqno);
            if (sinkMetrics != null) {
                sinkMetrics.recordCommitSkipped();
            }
            return;
        }
        if (metrics != null) {
            metrics.recordCommit(time.hiResClockMs() - commitStartedMs, error == null);
            if (error == null) {
                sinkMetrics.recordCommitCompleted();
            }
        }
        if (error != null) {
            log.error("{} Commit of offsets threw an unexpected exception for sequence number {}: {}", owner, seqno,
                    committed, error);
            commitFailures++;
        } else {
            if (committed != null) {
                offsets.committed(committed);
            }
            commitFailures = 0;
            if (sinkMetrics != null) {
                sinkMetrics.recordActive(offsets.activeRecords());
            }
        }
        committing = false;
    }
}

package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * The {@code sink-task-metrics} group of a sink task. Everything is recorded once per consumer
 * poll, {@code put} or offset commit, never per record: records read (consumed, before
 * conversion), records sent (handed to {@code put} after transformations), {@code put} time,
 * assigned partitions, the commit sequence number, completed and skipped commits (a skipped
 * commit is the outcome of an older commit that arrived after a newer one started), and the
 * active count: records consumed and not yet committed.
 *
 * <p>{@code sink-record-lag-max} is not registered, as in Apache, which defines but never registers it.
 *
 * <p>Thread contract: the task thread records; JMX and scrape threads read.
 */
public final class SinkTaskMetrics implements AutoCloseable {
    private final MetricGroup group;
    private final boolean recordMetrics;
    private final Sensor read;
    private final Sensor send;
    private final Sensor putTime;
    private final Sensor active;
    private final Sensor partitions;
    private final Sensor commitSeqNo;
    private final Sensor commitCompleted;
    private final Sensor commitSkipped;

    SinkTaskMetrics(ConnectMetrics metrics, ConnectorTaskId id) {
        this.recordMetrics = metrics.recordMetricsEnabled();
        this.group = metrics.group("sink-task-metrics", "connector", id.connector(),
                "task", Integer.toString(id.task()));
        read = group.meter("sink-record-read",
                "The average number of records per second that this task read from Kafka (before transformations).",
                "The number of records this task has read from Kafka (before transformations).");
        send = group.meter("sink-record-send",
                "The average number of records per second that this task handed to the connector's put (after "
                        + "transformations).",
                "The number of records this task has handed to the connector's put (after transformations).");
        putTime = group.sensor("put-batch-time");
        putTime.add(group.metricName("put-batch-max-time-ms",
                "The longest time this task's put took for one batch, in milliseconds."), new Max());
        putTime.add(group.metricName("put-batch-avg-time-ms",
                "The average time this task's put took for one batch, in milliseconds."), new Avg());
        active = group.sensor("sink-record-active-count");
        active.add(group.metricName("sink-record-active-count",
                "The number of records read by this task whose offsets are not yet committed."), new Value());
        active.add(group.metricName("sink-record-active-count-max",
                "The most records read by this task whose offsets were not yet committed."), new Max());
        active.add(group.metricName("sink-record-active-count-avg",
                "The average number of records read by this task whose offsets were not yet committed."), new Avg());
        partitions = group.sensor("partition-count");
        partitions.add(group.metricName("partition-count", "The number of topic partitions assigned to this task."),
                new Value());
        commitSeqNo = group.sensor("offset-seq-number");
        commitSeqNo.add(group.metricName("offset-commit-seq-no", "The sequence number of this task's latest offset "
                + "commit."), new Value());
        commitCompleted = group.meter("offset-commit-completion",
                "The average number of offset commits per second that completed.",
                "The number of offset commits that completed.");
        commitSkipped = group.meter("offset-commit-skip",
                "The average number of offset commits per second whose outcome arrived too late and was ignored.",
                "The number of offset commits whose outcome arrived too late and was ignored.");
    }

    /** A consumer poll returned {@code count} records. */
    public void recordRead(int count) {
        if (recordMetrics && count > 0) {
            read.record(count);
        }
    }

    /** {@code put} accepted a batch of {@code count} records after {@code durationMs}. */
    public void recordPut(int count, long durationMs) {
        if (recordMetrics) {
            send.record(count);
            putTime.record(durationMs);
        }
    }

    /** The number of records read and not yet committed. */
    public void recordActive(long count) {
        if (recordMetrics) {
            active.record(count);
        }
    }

    /** The number of partitions now assigned to the task. */
    public void recordPartitionCount(int count) {
        partitions.record(count);
    }

    /** An offset commit with this sequence number started. */
    public void recordCommitSeqNo(int seqNo) {
        commitSeqNo.record(seqNo);
    }

    /** An offset commit completed successfully. */
    public void recordCommitCompleted() {
        commitCompleted.record(1.0);
    }

    /** The outcome of an older commit arrived after a newer commit had started. */
    public void recordCommitSkipped() {
        commitSkipped.record(1.0);
    }

    @Override
    public void close() {
        group.close();
    }
}

package dev.ferry.runtime.task.sink;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.metrics.SinkTaskMetrics;
import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.task.TaskRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sink task: consumes its topics in group {@code connect-<connector>}, converts and
 * transforms each record, hands batches to {@code put}, and commits consumer offsets.
 *
 * <h2>The loop</h2>
 * Each iteration first acts on the target state (pause or resume the consumer), then commits
 * offsets if {@code offset.flush.interval.ms} has passed or the task asked for a commit, then
 * polls the consumer until the next commit is due (or for the shorter time the task asked for
 * with {@code context.timeout}), applying rewinds the task requested with {@code context.offset}
 * first. Every polled record goes through the {@link SinkRecordPipeline}; records it drops still
 * count as consumed. Then {@code put} is called with the batch, even an empty one, after every
 * poll.
 *
 * <h2>Retriable failures</h2>
 * A {@code RetriableException} from {@code put} pauses every assigned partition and keeps the
 * batch: the next iterations keep polling (so the task stays in its group; nothing new arrives)
 * and hand the same batch to {@code put} again. Once it succeeds, partitions are resumed, except
 * those the task paused itself or all of them if the connector is paused. Any other exception
 * from {@code put} fails the task; {@code errors.tolerance} does not apply to {@code put}.
 *
 * <h2>Offsets</h2>
 * Each assigned partition's offsets are kept in {@link SinkOffsets}; {@link SinkOffsetCommitter}
 * commits them every {@code offset.flush.interval.ms}, when the task asks, and when partitions
 * close (its javadoc says how: {@code preCommit}, checks, asynchronous commits, rewinds on failure).
 *
 * <h2>Rebalances</h2>
 * Newly assigned partitions start from the consumer's position and are handed to
 * {@code open}; they are paused at once if the consumer is paused. Revoked partitions are
 * committed synchronously ({@code preCommit}, then {@code close}, then the commit) and their
 * pending records dropped; lost partitions are only closed. An exception in {@code open} or
 * {@code close} fails the task after the poll that ran the rebalance. On stop, every partition is
 * closed the same way as on revocation, then the task is stopped and the consumer closed; the
 * revocation that closing the consumer causes is not passed on, so {@code close} is called once.
 *
 * <p>Thread contract: see {@link TaskRunner}. The consumer, the offsets and the batch belong to the
 * task thread; rebalance callbacks and commit callbacks run on it too, inside {@code poll}.
 * {@link #onStop()} and {@link #onTargetStateChange} only call {@code consumer.wakeup()}, the one
 * consumer method that is safe from other threads.
 */
public final class SinkTaskRunner extends TaskRunner {
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SinkTaskRunner.class);

    private final SinkTaskSetup setup;
    private final SinkTask task;
    private final Consumer<byte[], byte[]> consumer;
    private final ErrorHandler errors;
    private final SinkErrantRecordReporter errantReporter;
    private final RunnerSinkTaskContext context;
    /** The task's runtime metrics, or null when it has none (tests). */
    private final TaskMetrics metrics;
    private final SinkTaskMetrics sinkMetrics;
    private final SinkOffsets offsets = new SinkOffsets();
    private final SinkOffsetCommitter committer;

    private final List<SinkRecord> batch = new ArrayList<>();
    private final Set<String> usedTopics = new HashSet<>();
    private boolean started;
    /** Set once every partition was closed on stop; the consumer's own revocation while it closes is ignored. */
    private boolean partitionsClosed;
    private boolean pausedForRedelivery;
    private boolean pausedByTarget;
    private long nextCommitMs;
    private RuntimeException rebalanceFailure;

    /** A runner for one sink task; see {@link SinkTaskSetup} for what it owns. */
    public SinkTaskRunner(ConnectorTaskId id, SinkTaskSetup setup, TargetState initialState,
                          StatusListener listener, ClassLoader loader, Time time) {
        super(id, initialState, listener, loader, time);
        this.setup = setup;
        this.task = setup.task();
        this.consumer = setup.consumer();
        this.errors = setup.errors();
        this.errantReporter = errors.hasReporters()
                ? new SinkErrantRecordReporter(errors, setup.pipeline().converters()) : null;
        this.context = new RunnerSinkTaskContext(setup.taskConfig(), consumer, this, errantReporter, setup.metrics());
        this.metrics = setup.taskMetrics();
        this.sinkMetrics = metrics == null ? null : metrics.sink();
        this.committer = new SinkOffsetCommitter(this, task, consumer, offsets, errantReporter, metrics, time);
    }

    @Override
    protected void initializeAndStart() {
        subscribe();
        task.initialize(context);
        started = true;
        task.start(setup.taskConfig());
        nextCommitMs = time.hiResClockMs() + setup.flushIntervalMs();
        log.info("{} Sink task finished initialization and start", this);
    }

    @Override
    protected void execute() {
        boolean completed = false;
        try {
            while (!isStopping()) {
                iteration();
            }
            completed = true;
        } finally {
            closeAllPartitions(completed);
        }
    }

    @Override
    protected void onStop() {
        errors.stop();
        consumer.wakeup();
    }

    @Override
    protected void onCancel() {
        errors.stop();
        consumer.wakeup();
    }

    @Override
    protected void onTargetStateChange(TargetState state) {
        consumer.wakeup();
    }

    @Override
    protected void close() {
        if (started) {
            try {
                task.stop();
            } catch (Throwable t) {
                log.warn("{} Sink task threw while stopping", this, t);
            }
        }
        // Offsets are committed by now; closing only leaves the consumer group. Unbounded, it would
        // wait for a JoinGroup still in flight while the group rebalances (the other tasks of the
        // connector stopping too), holding a worker's shutdown or a rebalance for seconds.
        closeQuietly(() -> consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT)), "consumer");
        closeQuietly(setup.pipeline(), "converters and transforms");
        closeQuietly(errors, "error reporters");
        if (setup.metrics() instanceof AutoCloseable pluginMetrics) {
            closeQuietly(pluginMetrics, "plugin metrics");
        }
    }

    /** Whether the runtime has paused every partition (paused connector or redelivery). */
    boolean consumerPausedByRuntime() {
        return pausedForRedelivery || pausedByTarget;
    }

    /** How many offset commits in a row have failed. */
    int commitFailures() {
        return committer.failures();
    }

    void iteration() {
        applyTargetState();
        // Monotonic: a wall clock set back an hour must not hold the next commit back an hour.
        long now = time.hiResClockMs();
        committer.abandonIfTimedOut(now, setup.flushTimeoutMs());
        if (!committer.committing() && (context.isCommitRequested() || now >= nextCommitMs)) {
            committer.commit(now, offsets.committable(), false);
            nextCommitMs = now + setup.flushIntervalMs();
            context.clearCommitRequest();
        }
        try {
            poll(Math.max(nextCommitMs - now, 0));
        } catch (WakeupException e) {
            // stop() or a target state change woke the consumer; the loop re-checks both.
        }
    }

    private void subscribe() {
        Map<String, String> config = setup.taskConfig();
        String topics = config.getOrDefault(SinkTask.TOPICS_CONFIG, "").trim();
        String regex = config.getOrDefault(SinkTask.TOPICS_REGEX_CONFIG, "").trim();
        RebalanceListener listener = new RebalanceListener();
        if (!topics.isEmpty()) {
            List<String> names = Arrays.stream(topics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            consumer.subscribe(names, listener);
            log.debug("{} Subscribed to topics {}", this, names);
        } else if (!regex.isEmpty()) {
            consumer.subscribe(Pattern.compile(regex), listener);
            log.debug("{} Subscribed to topics matching {}", this, regex);
        } else {
            throw new ConnectException("Sink task " + id + " has neither 'topics' nor 'topics.regex' in its config; "
                    + "set exactly one of them in the connector config");
        }
    }

    private void applyTargetState() {
        if (isPaused()) {
            if (!pausedByTarget) {
                pausedByTarget = true;
                consumer.pause(consumer.assignment());
                reportState(State.PAUSED);
            }
        } else if (pausedByTarget) {
            pausedByTarget = false;
            if (!pausedForRedelivery) {
                resumeAll();
            }
            reportState(State.RUNNING);
        }
    }

    private void poll(long timeoutMs) {
        rewind();
        long requested = context.takeTimeout();
        if (requested > 0) {
            timeoutMs = Math.min(timeoutMs, requested);
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(timeoutMs));
        if (sinkMetrics != null) {
            sinkMetrics.recordRead(records.count());
        }
        if (rebalanceFailure != null) {
            RuntimeException failure = rebalanceFailure;
            rebalanceFailure = null;
            throw failure;
        }
        convert(records);
        deliver();
        if (sinkMetrics != null && !records.isEmpty()) {
            sinkMetrics.recordActive(offsets.activeRecords());
        }
    }

    private void rewind() {
        Map<TopicPartition, Long> rewinds = context.takeRewinds();
        for (Map.Entry<TopicPartition, Long> entry : rewinds.entrySet()) {
            TopicPartition partition = entry.getKey();
            long offset = entry.getValue();
            if (!consumer.assignment().contains(partition)) {
                log.warn("{} Ignoring the task's request to rewind {} to offset {}: the partition is not assigned",
                        this, partition, offset);
                continue;
            }
            log.debug("{} Rewinding {} to offset {} as the task asked", this, partition, offset);
            consumer.seek(partition, offset);
            offsets.rewound(partition, offset);
        }
    }

    /** Converts a poll's records partition by partition, so offsets and topics are tracked once per partition. */
    private void convert(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        SinkRecordPipeline pipeline = setup.pipeline();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> fromPartition = records.records(partition);
            if (fromPartition.isEmpty()) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : fromPartition) {
                SinkRecord converted = pipeline.process(record);
                if (converted != null) {
                    batch.add(converted);
                }
            }
            long last = fromPartition.get(fromPartition.size() - 1).offset();
            offsets.converted(partition, last + 1);
            if (setup.topicTracking() && usedTopics.add(partition.topic())) {
                reportTopicUsed(partition.topic());
            }
        }
    }

    private void deliver() {
        try {
            long putStartedMs = metrics == null ? 0 : time.hiResClockMs();
            task.put(new ArrayList<>(batch));
            if (metrics != null) {
                metrics.recordBatch(batch.size());
                sinkMetrics.recordPut(batch.size(), time.hiResClockMs() - putStartedMs);
            }
            offsets.accepted();
            batch.clear();
            if (pausedForRedelivery) {
                pausedForRedelivery = false;
                if (!pausedByTarget) {
                    resumeAll();
                }
            }
        } catch (RetriableException e) {
            log.error("{} RetriableException from SinkTask; the batch of {} records will be redelivered", this,
                    batch.size(), e);
            if (!pausedForRedelivery) {
                pausedForRedelivery = true;
                consumer.pause(consumer.assignment());
            }
        } catch (Throwable t) {
            log.error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will not "
                    + "recover until manually restarted.", this, t);
            throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception.", t);
        }
    }

    private void resumeAll() {
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(context.pausedByTask());
        consumer.resume(resume);
    }

    private void closePartitions(Collection<TopicPartition> partitions, boolean lost) {
        if (partitions.isEmpty()) {
            return;
        }
        if (lost) {
            task.close(new ArrayList<>(partitions));
        } else {
            committer.commit(time.hiResClockMs(), partitions, true);
        }
        offsets.forget(partitions);
        batch.removeIf(record -> partitions.contains(
                new TopicPartition(record.originalTopic(), record.originalKafkaPartition())));
        if (sinkMetrics != null) {
            sinkMetrics.recordPartitionCount(offsets.assignedCount());
        }
        if (batch.isEmpty()) {
            pausedForRedelivery = false;
        }
    }

    private void closeAllPartitions(boolean completed) {
        if (!started || isCancelled()) {
            return;
        }
        try {
            partitionsClosed = true;
            closePartitions(new ArrayList<>(offsets.assignedPartitions()), false);
        } catch (RuntimeException e) {
            if (completed) {
                throw e;
            }
            log.warn("{} Could not close partitions after the task failed", this, e);
        }
    }

    private void closeQuietly(AutoCloseable resource, String what) {
        try {
            resource.close();
        } catch (Throwable t) {
            log.warn("{} Could not close the {}", this, what, t);
        }
    }

    /** Keeps the runner's offsets and the task's open partitions in step with the group's assignment. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            log.debug("{} Partitions assigned: {}", SinkTaskRunner.this, partitions);
            for (TopicPartition partition : partitions) {
                offsets.assigned(partition, consumer.position(partition));
            }
            if (sinkMetrics != null) {
                sinkMetrics.recordPartitionCount(offsets.assignedCount());
            }
            if (consumerPausedByRuntime()) {
                consumer.pause(partitions);
            } else {
                List<TopicPartition> pausedBefore = partitions.stream()
                        .filter(context.pausedByTask()::contains).toList();
                consumer.pause(pausedBefore);
            }
            try {
                task.open(new ArrayList<>(partitions));
            } catch (RuntimeException e) {
                rebalanceFailure = new ConnectException("Sink task " + id + " failed to open partitions " + partitions,
                        e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!started || partitionsClosed || partitions.isEmpty()) {
                return;
            }
            log.debug("{} Partitions revoked: {}", SinkTaskRunner.this, partitions);
            try {
                closePartitions(partitions, false);
            } catch (RuntimeException e) {
                rebalanceFailure = new ConnectException("Sink task " + id + " failed to close partitions "
                        + partitions, e);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!started || partitionsClosed || partitions.isEmpty()) {
                return;
            }
            log.debug("{} Partitions lost: {}", SinkTaskRunner.this, partitions);
            try {
                closePartitions(partitions, true);
            } catch (RuntimeException e) {
                rebalanceFailure = new ConnectException("Sink task " + id + " failed to close lost partitions "
                        + partitions, e);
            }
        }
    }
}

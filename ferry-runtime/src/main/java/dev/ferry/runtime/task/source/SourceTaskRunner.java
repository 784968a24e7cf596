package dev.ferry.runtime.task.source;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.Stage;
import dev.ferry.runtime.metrics.SourceTaskMetrics;
import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.task.TaskRunner;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a source task with at-least-once delivery or, when its setup has
 * {@link SourceTransactionSettings}, exactly-once delivery through {@link ExactlyOnceDelivery}.
 *
 * <h2>The loop</h2>
 * While not asked to stop: if paused, wait (reporting PAUSED, then RUNNING). If the producer
 * reported a send failure that was not tolerated, fail. If no batch is waiting, {@code poll()} the
 * task; a {@code RetriableException} from poll is logged and poll is simply called again. Then send
 * the batch: each record goes through the {@link SourceRecordPipeline} (transforms, converters);
 * a record that comes out null (filtered, or failed with errors tolerated) is dropped and
 * {@code commitRecord(record, null)} tells the task. Otherwise the record's topic is created if
 * topic creation applies, its offset is registered with {@link SubmittedRecords}, and it is handed
 * to the producer asynchronously.
 *
 * <h2>Back-pressure and send failures</h2>
 * At most {@value #MAX_IN_FLIGHT_RECORDS} records may be sent and not yet acknowledged. At that
 * bound the loop stops sending (and polling) and waits until acknowledgements bring the count
 * down to {@value #RESUME_IN_FLIGHT_RECORDS}, then carries on with the rest of the batch. Without
 * it, a task that polls faster than Kafka acknowledges fills the producer's whole buffer, and the
 * hundreds of thousands of polled records, offsets and callbacks behind it are all alive at once:
 * the heap grows to hundreds of MB and most of the CPU goes to garbage collection. The bound is a
 * few dozen producer batches of small records, enough to keep the producer busy; for large records
 * the producer's own buffer, which makes {@code send} block when full, is the tighter limit. If
 * {@code send} itself throws a retriable error,
 * the rest of the batch is kept and sent again after {@value #SEND_RETRY_BACKOFF_MS} ms. A
 * non-retriable synchronous error fails the task ("Unrecoverable exception trying to send"). An
 * asynchronous failure is handed to the error handler as stage KAFKA_PRODUCE: with
 * {@code errors.tolerance=all} the record is reported, treated as done and skipped (KIP-779);
 * otherwise the task fails on its next iteration ("Unrecoverable exception from producer send
 * callback").
 *
 * <h2>Acknowledgements and offsets</h2>
 * The producer's callback (on its I/O thread) calls {@code commitRecord(record, metadata)} with
 * the record as polled, before transforms, acknowledges it in {@link SubmittedRecords} and reports
 * the topic as used (KIP-558). The {@link SourceOffsetCommitter} writes the acknowledged prefix of
 * offsets every {@code offset.flush.interval.ms} and once more when the task stops normally, after
 * waiting up to {@code offset.flush.timeout.ms} for records still in flight.
 *
 * <h2>Exactly-once</h2>
 * The producer is transactional and registers its transactional id before the task is
 * initialized. Records are sent as above, but their offsets join the open transaction instead of
 * the {@link SourceOffsetCommitter}, which never runs; transactions end after a record, after a
 * batch, on a pause and when stopping normally, and {@code commitRecord} is called once a
 * transaction is committed. A failed send or commit fails the task with the cause and the fix.
 *
 * <h2>Stopping</h2>
 * The plugin's {@code stop()} is called on the task thread after the loop ends, as Apache does,
 * so a {@code poll()} that blocks delays it. A cancelled task closes its producer without waiting,
 * which fails whatever is still in flight, and its offset reader, which releases a task blocked
 * reading offsets.
 *
 * <p>Thread contract: see {@link TaskRunner}; additionally the producer callbacks run on the
 * producer's I/O thread and touch only thread-safe state.
 */
public final class SourceTaskRunner extends TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(SourceTaskRunner.class);

    /** How long to wait before sending again after the producer refused a record with a retriable error. */
    static final long SEND_RETRY_BACKOFF_MS = 100;
    /**
     * The most records sent but not yet acknowledged; chosen by measurement (benchmarks/) as a few
     * dozen 16 KiB producer batches of small records, which keeps the producer as busy as an
     * unbounded queue does while keeping the live heap small.
     */
    static final int MAX_IN_FLIGHT_RECORDS = 4096;
    /** Once at the bound, sending resumes when no more than this many records are unacknowledged. */
    static final int RESUME_IN_FLIGHT_RECORDS = MAX_IN_FLIGHT_RECORDS / 2;
    /** How often a wait for acknowledgements re-checks for a pause, a stop or a failed send. */
    private static final long CAPACITY_RECHECK_MS = 100;
    /** How long closing the producer may take when the task stops normally. */
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SourceTask task;
    private final SourceTaskSetup setup;
    private final ErrorHandler errors;
    private final Producer<byte[], byte[]> producer;
    private final SubmittedRecords submitted = new SubmittedRecords();
    private final SourceOffsetCommitter committer;
    /** The task's runtime metrics, or null when it has none (tests). */
    private final TaskMetrics metrics;
    private final SourceTaskMetrics sourceMetrics;
    /** Counts the writes of the batch being sent; the records' callbacks report to it. */
    private SourceTaskMetrics.Batch batchWrites;
    private final TaskOffsetReader offsetReader;
    private final TopicCreator topicCreator;
    /** What exactly-once support changes, or null for at-least-once delivery. */
    private final ExactlyOnceDelivery transactions;
    private final Set<String> usedTopics = ConcurrentHashMap.newKeySet();
    private volatile Throwable producerFailure;
    private final int maxInFlight;
    private final int resumeInFlight;
    private List<SourceRecord> batch;
    /** Set at the in-flight bound; cleared once acknowledgements bring the count down to the resume level. */
    private boolean atInFlightBound;
    /** The index in {@link #batch} of the next record to send. */
    private int nextInBatch;
    private boolean started;

    /** A runner for one source task; see {@link SourceTaskSetup} for what it owns. */
    public SourceTaskRunner(ConnectorTaskId id, SourceTaskSetup setup, TargetState initialState,
                            StatusListener listener, ClassLoader loader, Time time) {
        this(id, setup, initialState, listener, loader, time, MAX_IN_FLIGHT_RECORDS, RESUME_IN_FLIGHT_RECORDS);
    }

    SourceTaskRunner(ConnectorTaskId id, SourceTaskSetup setup, TargetState initialState, StatusListener listener,
                     ClassLoader loader, Time time, int maxInFlight, int resumeInFlight) {
        super(id, initialState, listener, loader, time);
        if (maxInFlight < 1 || resumeInFlight < 0 || resumeInFlight >= maxInFlight) {
            throw new IllegalArgumentException("In-flight bounds must satisfy 0 <= resume < max and max >= 1; got max="
                    + maxInFlight + ", resume=" + resumeInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.resumeInFlight = resumeInFlight;
        this.setup = setup;
        this.task = setup.task();
        this.errors = setup.errors();
        this.producer = setup.producer();
        this.offsetReader = new TaskOffsetReader(id.connector(), setup.offsetStore());
        this.metrics = setup.taskMetrics();
        this.sourceMetrics = metrics == null ? null : metrics.source();
        this.committer = new SourceOffsetCommitter(id, submitted, setup.offsetStore(), task, setup.flushTimeoutMs(),
                time, metrics);
        this.topicCreator = setup.topicCreation() == null || setup.topicCreation().isEmpty()
                || setup.topicAdmin() == null ? null : new TopicCreator(setup.topicAdmin(), setup.topicCreation());
        this.transactions = setup.transactions() == null ? null
                : new ExactlyOnceDelivery(id, setup, submitted, sourceMetrics, time);
    }

    @Override
    protected void initializeAndStart() {
        if (setup.connectorOffsets() != null) {
            setup.connectorOffsets().start();
        }
        if (transactions != null) {
            transactions.initialize();
        }
        task.initialize(new RunnerSourceTaskContext(setup.taskConfig(), offsetReader, setup.metrics(),
                transactions == null ? null : transactions.context()));
        started = true;
        task.start(setup.taskConfig());
        log.info("{} Source task finished initialization and start", this);
    }

    @Override
    protected void execute() {
        if (transactions == null) {
            committer.schedule(setup.commitScheduler(), setup.flushIntervalMs());
        } else {
            transactions.startSending();
        }
        try {
            while (!isStopping()) {
                if (isPaused()) {
                    if (transactions != null) {
                        transactions.pausing();
                    }
                    if (!awaitUnpaused()) {
                        break;
                    }
                    if (transactions != null) {
                        transactions.startSending();
                    }
                    continue;
                }
                Throwable failedSend = producerFailure;
                if (failedSend != null) {
                    throw transactions != null ? transactions.sendFailed(failedSend)
                            : new ConnectException("Unrecoverable exception from producer send callback", failedSend);
                }
                if (atInFlightBound) {
                    atInFlightBound = !awaitAcknowledgements();
                    continue;
                }
                if (batch == null) {
                    long pollStartedMs = metrics == null ? 0 : time.milliseconds();
                    batch = poll();
                    nextInBatch = 0;
                    if (batch == null || batch.isEmpty()) {
                        batch = null;
                        if (transactions != null) {
                            transactions.batchSent(); // an interval may end while the task has nothing new
                        }
                        continue;
                    }
                    recordPoll(batch.size(), pollStartedMs);
                }
                switch (sendBatch()) {
                    case SENT -> { }
                    case REFUSED -> time.sleep(SEND_RETRY_BACKOFF_MS);
                    case AT_BOUND -> atInFlightBound = true;
                }
            }
        } finally {
            committer.cancel();
        }
        commitFinalOffsets();
    }

    @Override
    protected void onStop() {
        errors.stop();
        submitted.wakeUp();
    }

    @Override
    protected void onCancel() {
        errors.stop();
        submitted.wakeUp();
        offsetReader.close();
        closeProducer(Duration.ZERO);
    }

    @Override
    protected void close() {
        committer.cancel();
        if (started) {
            try {
                task.stop();
            } catch (Throwable t) {
                log.warn("{} Source task threw while stopping", this, t);
            }
        }
        // A transactional producer whose send failed (fenced, expired) can deliver nothing more: its
        // transaction is aborted. Waiting for it to drain only held the FAILED status back 30 s.
        boolean nothingToDeliver = isCancelled() || transactions != null && producerFailure != null;
        closeProducer(nothingToDeliver ? Duration.ZERO : PRODUCER_CLOSE_TIMEOUT);
        closeQuietly(topicCreator != null ? topicCreator : setup.topicAdmin(), "topic admin client");
        closeQuietly(offsetReader, "offset reader");
        closeQuietly(setup.connectorOffsets(), "connector's offsets store");
        closeQuietly(setup.pipeline(), "transforms and converters");
        closeQuietly(errors, "error reporters");
        if (setup.metrics() instanceof AutoCloseable pluginMetrics) {
            closeQuietly(pluginMetrics, "plugin metrics");
        }
    }

    /** Records a returned batch: once per poll, so the metrics cost nothing per record. */
    private void recordPoll(int size, long pollStartedMs) {
        if (metrics == null) {
            batchWrites = null;
            return;
        }
        metrics.recordBatch(size);
        batchWrites = sourceMetrics.recordPoll(size, time.milliseconds() - pollStartedMs);
    }

    /** How many offset commits succeeded so far. */
    long offsetCommits() {
        return committer.commitCount();
    }

    private List<SourceRecord> poll() {
        try {
            return task.poll();
        } catch (org.apache.kafka.connect.errors.RetriableException
                 | org.apache.kafka.common.errors.RetriableException e) {
            log.warn("{} Source task could not poll records; polling again", this, e);
            return null;
        } catch (InterruptedException e) {
            // Interrupting poll() is how some tasks react to stop(); the loop re-checks the stop flag.
            return null;
        }
    }

    /** The outcome of sending what is left of a batch. */
    private enum SendOutcome {
        /** Every record of the batch was handed over (or dropped); the next step is to poll. */
        SENT,
        /** The producer refused a record with a retriable error: back off, then send the rest. */
        REFUSED,
        /** Too many records are unacknowledged: wait for acknowledgements, then send the rest. */
        AT_BOUND
    }

    /** Sends what is left of the batch, stopping early when the producer refuses or the in-flight bound is hit. */
    private SendOutcome sendBatch() {
        SourceTaskMetrics.Batch writes = batchWrites;
        for (int size = batch.size(); nextInBatch < size; nextInBatch++) {
            if (submitted.unackedCount() >= maxInFlight) {
                return SendOutcome.AT_BOUND;
            }
            SourceRecord record = batch.get(nextInBatch);
            ProducerRecord<byte[], byte[]> producerRecord = setup.pipeline().process(record);
            if (producerRecord == null) {
                if (writes != null) {
                    writes.dropped();
                }
                if (transactions == null) {
                    commitRecord(record, null);
                } else {
                    transactions.dropped(record);
                }
                continue;
            }
            if (topicCreator != null) {
                topicCreator.ensureExists(producerRecord.topic());
            }
            if (transactions != null) {
                transactions.beforeSend(producerRecord);
            }
            SubmittedRecords.Submitted tracked = submitted.submit(record.sourcePartition(), record.sourceOffset());
            SourceTransactions.Sent sent = transactions == null ? null : transactions.sending(record);
            try {
                producer.send(producerRecord,
                        (metadata, error) -> onSendCompleted(record, tracked, sent, writes, metadata, error));
            } catch (org.apache.kafka.common.errors.RetriableException
                     | org.apache.kafka.connect.errors.RetriableException e) {
                log.warn("{} Could not send a record to topic '{}'; retrying in {} ms", this, producerRecord.topic(),
                        SEND_RETRY_BACKOFF_MS, e);
                submitted.removeLast(tracked);
                return SendOutcome.REFUSED;
            } catch (ConnectException e) {
                throw e;
            } catch (KafkaException e) {
                throw new ConnectException("Unrecoverable exception trying to send", e);
            }
            if (transactions != null) {
                transactions.dispatched(sent, record);
            }
        }
        batch = null;
        if (transactions != null) {
            transactions.batchSent();
        }
        return SendOutcome.SENT;
    }

    /**
     * Blocks until enough sent records are acknowledged to resume sending (true), or briefly, so
     * the loop can act on a pause, a stop or a failed send (those also cut the wait short).
     */
    private boolean awaitAcknowledgements() {
        try {
            return submitted.awaitUnackedAtMost(resumeInFlight, CAPACITY_RECHECK_MS);
        } catch (InterruptedException e) {
            // Interrupted like a blocked poll() would be: the loop re-checks the stop flag.
            return false;
        }
    }

    private void onSendCompleted(SourceRecord record, SubmittedRecords.Submitted tracked, SourceTransactions.Sent sent,
                                 SourceTaskMetrics.Batch writes, RecordMetadata metadata, Exception error) {
        if (error == null) {
            tracked.ack();
            if (writes != null) {
                writes.written();
            }
            if (sent == null) {
                commitRecord(record, metadata);
            } else {
                sent.acknowledged(metadata);
            }
            // contains() first: add() on a key already present costs more, and this runs for every record.
            if (setup.topicTracking() && !usedTopics.contains(metadata.topic()) && usedTopics.add(metadata.topic())) {
                reportTopicUsed(metadata.topic());
            }
            return;
        }
        if (transactions != null && transactions.expectedFailure(error)) {
            tracked.ack(); // a record of a transaction this task aborted itself
            if (writes != null) {
                writes.dropped();
            }
        } else if (errors.toleratesAll() && transactions == null) {
            log.debug("{} Skipping a record the producer could not send, as errors.tolerance=all", this, error);
            errors.reportFailure(Stage.KAFKA_PRODUCE, producer.getClass(), null, record, error);
            tracked.ack();
            if (writes != null) {
                writes.dropped();
            }
            commitRecord(record, null);
        } else {
            if (producerFailure == null) {
                log.error("{} Could not send a record to topic '{}'; the task will fail", this, record.topic(), error);
            }
            producerFailure = error;
            submitted.wakeUp();
        }
    }

    private void commitRecord(SourceRecord record, RecordMetadata metadata) {
        try {
            task.commitRecord(record, metadata);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("{} Exception thrown while calling task.commitRecord()", this, t);
        }
    }

    private void commitFinalOffsets() {
        if (isCancelled()) {
            log.debug("{} Skipping the final offset commit: the task was cancelled", this);
            return;
        }
        if (transactions != null) {
            transactions.stopping();
        } else {
            committer.commitWhenAcknowledged();
        }
    }

    private void closeProducer(Duration timeout) {
        closeQuietly(() -> producer.close(timeout), "producer");
    }

    private void closeQuietly(AutoCloseable resource, String what) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Throwable t) {
            log.warn("{} Could not close the {}", this, what, t);
        }
    }
}

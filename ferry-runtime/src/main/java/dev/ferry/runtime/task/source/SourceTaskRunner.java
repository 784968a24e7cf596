package dev.ferry.runtime.task.source;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.Stage;
import dev.ferry.runtime.herder.ConnectorTaskId;
import dev.ferry.runtime.herder.TargetState;
import dev.ferry.runtime.task.TaskRunner;
import dev.ferry.runtime.worker.StatusListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * Runs a source task with at-least-once delivery.
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
 * The producer is configured to block rather than fail when its buffer is full, and to retry for
 * ever, so the loop slows down to Kafka's pace. If {@code send} itself throws a retriable error,
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
    /** How long closing the producer may take when the task stops normally. */
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SourceTask task;
    private final SourceTaskSetup setup;
    private final ErrorHandler errors;
    private final Producer<byte[], byte[]> producer;
    private final SubmittedRecords submitted = new SubmittedRecords();
    private final SourceOffsetCommitter committer;
    private final TaskOffsetReader offsetReader;
    private final TopicCreator topicCreator;
    private final Set<String> usedTopics = ConcurrentHashMap.newKeySet();
    private volatile Throwable producerFailure;
    private List<SourceRecord> batch;
    private boolean started;

    /** A runner for one source task; see {@link SourceTaskSetup} for what it owns. */
    public SourceTaskRunner(ConnectorTaskId id, SourceTaskSetup setup, TargetState initialState,
                            StatusListener listener, ClassLoader loader, Time time) {
        super(id, initialState, listener, loader, time);
        this.setup = setup;
        this.task = setup.task();
        this.errors = setup.errors();
        this.producer = setup.producer();
        this.offsetReader = new TaskOffsetReader(id.connector(), setup.offsetStore());
        this.committer = new SourceOffsetCommitter(id, submitted, setup.offsetStore(), task, setup.flushTimeoutMs(),
                time);
        this.topicCreator = setup.topicCreation() == null || setup.topicCreation().isEmpty()
                || setup.topicAdmin() == null ? null : new TopicCreator(setup.topicAdmin(), setup.topicCreation());
    }

    @Override
    protected void initializeAndStart() {
        task.initialize(new RunnerSourceTaskContext(setup.taskConfig(), offsetReader, setup.metrics()));
        started = true;
        task.start(setup.taskConfig());
        log.info("{} Source task finished initialization and start", this);
    }

    @Override
    protected void execute() {
        committer.schedule(setup.commitScheduler(), setup.flushIntervalMs());
        try {
            while (!isStopping()) {
                if (isPaused()) {
                    if (!awaitUnpaused()) {
                        break;
                    }
                    continue;
                }
                Throwable failedSend = producerFailure;
                if (failedSend != null) {
                    throw new ConnectException("Unrecoverable exception from producer send callback", failedSend);
                }
                if (batch == null) {
                    batch = poll();
                    if (batch == null || batch.isEmpty()) {
                        batch = null;
                        continue;
                    }
                }
                if (!sendBatch()) {
                    time.sleep(SEND_RETRY_BACKOFF_MS);
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
    }

    @Override
    protected void onCancel() {
        errors.stop();
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
        closeProducer(isCancelled() ? Duration.ZERO : PRODUCER_CLOSE_TIMEOUT);
        closeQuietly(topicCreator != null ? topicCreator : setup.topicAdmin(), "topic admin client");
        closeQuietly(offsetReader, "offset reader");
        closeQuietly(setup.pipeline(), "transforms and converters");
        closeQuietly(errors, "error reporters");
        if (setup.metrics() instanceof AutoCloseable metrics) {
            closeQuietly(metrics, "plugin metrics");
        }
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

    /** Sends what is left of the batch; false if the producer refused a record and we must back off. */
    private boolean sendBatch() {
        int processed = 0;
        for (SourceRecord record : batch) {
            ProducerRecord<byte[], byte[]> producerRecord = setup.pipeline().process(record);
            if (producerRecord == null) {
                commitRecord(record, null);
                processed++;
                continue;
            }
            if (topicCreator != null) {
                topicCreator.ensureExists(producerRecord.topic());
            }
            SubmittedRecords.Submitted tracked = submitted.submit(record.sourcePartition(), record.sourceOffset());
            try {
                producer.send(producerRecord, (metadata, error) -> onSendCompleted(record, tracked, metadata, error));
            } catch (org.apache.kafka.common.errors.RetriableException
                     | org.apache.kafka.connect.errors.RetriableException e) {
                log.warn("{} Could not send a record to topic '{}'; retrying in {} ms", this, producerRecord.topic(),
                        SEND_RETRY_BACKOFF_MS, e);
                submitted.removeLast(tracked);
                batch = List.copyOf(batch.subList(processed, batch.size()));
                return false;
            } catch (ConnectException e) {
                throw e;
            } catch (KafkaException e) {
                throw new ConnectException("Unrecoverable exception trying to send", e);
            }
            processed++;
        }
        batch = null;
        return true;
    }

    private void onSendCompleted(SourceRecord record, SubmittedRecords.Submitted tracked, RecordMetadata metadata,
                                 Exception error) {
        if (error == null) {
            tracked.ack();
            commitRecord(record, metadata);
            if (setup.topicTracking() && usedTopics.add(metadata.topic())) {
                reportTopicUsed(metadata.topic());
            }
            return;
        }
        if (errors.toleratesAll()) {
            log.debug("{} Skipping a record the producer could not send, as errors.tolerance=all", this, error);
            errors.reportFailure(Stage.KAFKA_PRODUCE, producer.getClass(), null, record, error);
            tracked.ack();
            commitRecord(record, null);
        } else {
            log.error("{} Could not send a record to topic '{}'; the task will fail", this, record.topic(), error);
            producerFailure = error;
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
        try {
            if (!submitted.awaitAllAcked(setup.flushTimeoutMs(), TimeUnit.MILLISECONDS)) {
                log.warn("{} {} records were not acknowledged within offset.flush.timeout.ms={}; committing the "
                        + "offsets of those that were", this, submitted.unackedCount(), setup.flushTimeoutMs());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.commit();
    }

    private void closeProducer(Duration timeout) {
        try {
            producer.close(timeout);
        } catch (Throwable t) {
            log.warn("{} Could not close the producer", this, t);
        }
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

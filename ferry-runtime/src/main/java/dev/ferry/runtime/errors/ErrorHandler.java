package dev.ferry.runtime.errors;

import dev.ferry.runtime.metrics.TaskErrorMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what a failure while processing a record means, for every stage of
 * both pipelines (converters, transforms, producer sends, records a sink task reports as errant).
 *
 * <p>A stage runs through {@link RecordAttempt#run}. A {@code RetriableException} is retried with
 * back-off (300 ms, doubling, capped at {@code errors.retry.delay.max.ms}, then a random pause up to
 * that cap) until {@code errors.retry.timeout} has passed or the task stops. A failure that is left
 * is handed to every {@link ErrorReporter}; then, with {@code errors.tolerance=all}, the attempt is
 * marked failed and the caller drops the record, and otherwise a {@link ConnectException}
 * ("Tolerance exceeded in error handler") fails the task. Failures in a stage that can never be
 * tolerated fail the task with "Unhandled exception in error handler".
 *
 * <p>Thread contract: one handler per task. {@link RecordAttempt#run} runs on the task thread;
 * {@link #reportFailure} may also be called from the producer's I/O thread; {@link #stop} from any
 * thread, and it cuts short a back-off in progress. Counters are safe to read from any thread.
 */
public final class ErrorHandler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    /** The pause after the first failed attempt; each later pause doubles it. */
    static final long INITIAL_BACKOFF_MS = 300;

    private final ConnectorTaskId task;
    private final ErrorHandlingSettings settings;
    private final List<ErrorReporter> reporters;
    private final Time time;
    private final RandomGenerator random;
    private final Object stopSignal = new Object();
    private volatile boolean stopping;

    private final TaskErrorMetrics metrics;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** A handler for one task, reporting to the given reporters (which it closes on {@link #close}). */
    public ErrorHandler(ConnectorTaskId task, ErrorHandlingSettings settings, List<ErrorReporter> reporters,
                        Time time) {
        this(task, settings, reporters, time, RandomGenerator.getDefault(), null);
    }

    /**
     * A handler for one task that also records what it does in the task's
     * {@code task-error-metrics} ({@code metrics} may be null for none).
     */
    public ErrorHandler(ConnectorTaskId task, ErrorHandlingSettings settings, List<ErrorReporter> reporters,
                        Time time, TaskErrorMetrics metrics) {
        this(task, settings, reporters, time, RandomGenerator.getDefault(), metrics);
    }

    ErrorHandler(ConnectorTaskId task, ErrorHandlingSettings settings, List<ErrorReporter> reporters, Time time,
                 RandomGenerator random) {
        this(task, settings, reporters, time, random, null);
    }

    ErrorHandler(ConnectorTaskId task, ErrorHandlingSettings settings, List<ErrorReporter> reporters, Time time,
                 RandomGenerator random, TaskErrorMetrics metrics) {
        this.metrics = metrics;
        this.task = task;
        this.settings = settings;
        this.reporters = List.copyOf(reporters);
        this.time = time;
        this.random = random;
    }

    /** Starts processing a record read by a sink task's consumer. */
    public RecordAttempt attempt(ConsumerRecord<byte[], byte[]> consumed) {
        return new RecordAttempt(this, consumed, null);
    }

    /** Starts processing a record returned by a source task's poll. */
    public RecordAttempt attempt(SourceRecord source) {
        return new RecordAttempt(this, null, source);
    }

    /** Whether failed records are skipped ({@code errors.tolerance=all}) rather than failing the task. */
    public boolean toleratesAll() {
        return settings.toleranceAll();
    }

    /** Whether any reporter is configured; sink tasks only get an errant record reporter if so. */
    public boolean hasReporters() {
        return !reporters.isEmpty();
    }

    /**
     * Records a failure that happened outside {@link RecordAttempt#run}: a producer send that
     * failed, or a record the sink task reported as errant. Reports it, and throws
     * {@link ConnectException} unless errors are tolerated.
     *
     * @return completes when every reporter has recorded the failure
     */
    public CompletableFuture<Void> reportFailure(Stage stage, Class<?> executingClass,
                                                 ConsumerRecord<byte[], byte[]> consumed, SourceRecord source,
                                                 Throwable error) {
        if (metrics != null) {
            metrics.recordFailure();
            metrics.recordErrorTimestamp(time.milliseconds());
        }
        CompletableFuture<Void> reported = record(new ErrorReport(task, stage, executingClass, error, consumed, source));
        if (!settings.toleranceAll()) {
            if (metrics != null) {
                metrics.recordError();
            }
            throw new ConnectException(toleranceExceeded(stage, consumed, source), error);
        }
        skipped.incrementAndGet();
        return reported;
    }

    /**
     * Apache's message, which tools match on, followed by where the record was: the stage, and the topic, partition
     * and offset of a consumed record (or the target topic of a source record), so the failed task's trace says which
     * record to look at. With {@code errors.tolerance=all} and a dead letter queue such records would be kept there.
     */
    static String toleranceExceeded(Stage stage, ConsumerRecord<byte[], byte[]> consumed, SourceRecord source) {
        StringBuilder message = new StringBuilder("Tolerance exceeded in error handler (stage ").append(stage);
        if (consumed != null) {
            message.append(", record at topic ").append(consumed.topic()).append(" partition ")
                    .append(consumed.partition()).append(" offset ").append(consumed.offset());
        } else if (source != null) {
            message.append(", source record for topic ").append(source.topic());
        }
        return message.append("). Fix the cause below, or set errors.tolerance=all (with errors.deadletterqueue.topic.name "
                + "on a sink) to skip such records.").toString();
    }

    /** Cuts short any back-off in progress and stops further retries; the task is stopping. */
    public void stop() {
        synchronized (stopSignal) {
            stopping = true;
            stopSignal.notifyAll();
        }
    }

    /** How many failures were left after retrying (tolerated or not). */
    public long failureCount() {
        return failures.get();
    }

    /** How many records were dropped because a failure was tolerated. */
    public long skippedCount() {
        return skipped.get();
    }

    /** How many times a stage was retried after a retriable failure. */
    public long retryCount() {
        return retries.get();
    }

    @Override
    public void close() {
        for (ErrorReporter reporter : reporters) {
            try {
                reporter.close();
            } catch (Exception e) {
                log.warn("Could not close error reporter {} of task {}", reporter.getClass().getSimpleName(), task, e);
            }
        }
    }

    <V> V run(RecordAttempt attempt, Stage stage, Class<?> executingClass, Callable<V> operation) {
        try {
            return runWithRetries(operation);
        } catch (Exception e) {
            if (!stage.isTolerable()) {
                throw new ConnectException("Unhandled exception in error handler", e);
            }
            attempt.markFailed(stage, e);
            if (metrics != null) {
                // Every record that ends failed counts as an error, tolerated or not, as in Apache.
                metrics.recordFailure();
                metrics.recordErrorTimestamp(time.milliseconds());
                metrics.recordError();
            }
            record(new ErrorReport(task, stage, executingClass, e, attempt.consumedRecord(), attempt.sourceRecord()));
            if (!settings.toleranceAll()) {
                throw new ConnectException(toleranceExceeded(stage, attempt.consumedRecord(), attempt.sourceRecord()), e);
            }
            skipped.incrementAndGet();
            if (metrics != null) {
                metrics.recordSkipped();
            }
            return null;
        }
    }

    private <V> V runWithRetries(Callable<V> operation) throws Exception {
        // The clock is read only once a stage fails: this runs for every stage of every record.
        long deadline = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.call();
            } catch (org.apache.kafka.connect.errors.RetriableException
                     | org.apache.kafka.common.errors.RetriableException e) {
                long now = time.milliseconds();
                if (attempt == 1) {
                    deadline = settings.retryTimeoutMs() < 0 ? Long.MAX_VALUE : now + settings.retryTimeoutMs();
                }
                if (stopping || now >= deadline) {
                    throw e;
                }
                log.trace("Retrying after retriable failure (attempt {}) in task {}", attempt, task, e);
                retries.incrementAndGet();
                if (metrics != null) {
                    metrics.recordFailure();
                    metrics.recordRetry();
                }
                pause(attempt, deadline);
                if (stopping) {
                    throw e;
                }
            }
        }
    }

    /** Waits before the next attempt, never past the retry deadline, waking early on stop. */
    private void pause(int attempt, long deadline) throws InterruptedException {
        long delay = backoffMs(attempt);
        long now = time.milliseconds();
        long wakeAt = deadline - now < delay ? deadline : now + delay;
        try {
            time.waitObject(stopSignal, () -> stopping, wakeAt);
        } catch (TimeoutException expected) {
            // The pause ran its full length: time for the next attempt.
        }
    }

    long backoffMs(int attempt) {
        long max = settings.retryMaxDelayMs();
        long delay = attempt >= 32 ? Long.MAX_VALUE : INITIAL_BACKOFF_MS << (attempt - 1);
        if (delay > max) {
            // Past the cap, spread retries out so many tasks do not retry in lock step.
            return max <= 0 ? 0 : random.nextLong(max + 1);
        }
        return delay;
    }

    /** Counts what the built-in reporters did, for {@code total-errors-logged} and the dead letter queue metrics. */
    private void countReport(ErrorReporter reporter, ErrorReport report, CompletableFuture<Void> reported) {
        if (reporter instanceof LogReporter) {
            metrics.recordErrorLogged();
        } else if (reporter instanceof DeadLetterQueueReporter && report.consumedRecord() != null) {
            metrics.recordDeadLetterQueueRequest();
            reported.whenComplete((ignored, error) -> {
                if (error != null) {
                    metrics.recordDeadLetterQueueFailure();
                }
            });
        }
    }

    private CompletableFuture<Void> record(ErrorReport report) {
        failures.incrementAndGet();
        List<CompletableFuture<Void>> pending = new ArrayList<>(reporters.size());
        for (ErrorReporter reporter : reporters) {
            try {
                CompletableFuture<Void> reported = reporter.report(report);
                pending.add(reported);
                if (metrics != null) {
                    countReport(reporter, report, reported);
                }
            } catch (RuntimeException e) {
                log.error("Error reporter {} of task {} could not report a failure in stage {}",
                        reporter.getClass().getSimpleName(), task, report.stage(), e);
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }
}

package dev.ferry.runtime.task.source;

import dev.ferry.runtime.metrics.SourceTaskMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link SourceTaskRunner} does differently with exactly-once support, in the order the
 * runner calls it: {@link #initialize()} before the task is, {@link #startSending()} when the send
 * loop starts or resumes, then per record {@link #beforeSend}, {@link #sending}, {@link #dispatched} or
 * {@link #dropped}, per batch {@link #batchSent()}, {@link #pausing()} before a pause and
 * {@link #stopping()} when the task stops normally. It joins {@link TransactionBoundaries} (when)
 * with {@link SourceTransactions} (how).
 *
 * <p>Thread contract: the task thread.
 */
final class ExactlyOnceDelivery {
    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceDelivery.class);

    private final ConnectorTaskId id;
    private final SourceTransactionSettings settings;
    private final SourceTransactions transactions;
    private final TransactionBoundaries boundaries;
    private final RunnerTransactionContext context;
    private final SubmittedRecords submitted;

    ExactlyOnceDelivery(ConnectorTaskId id, SourceTaskSetup setup, SubmittedRecords submitted,
                        SourceTaskMetrics metrics, Time time) {
        this.id = id;
        this.settings = setup.transactions();
        this.submitted = submitted;
        this.context = settings.boundary() == TransactionBoundary.CONNECTOR ? new RunnerTransactionContext() : null;
        this.boundaries = new TransactionBoundaries(settings.boundary(), settings.intervalMs(), context, time);
        if (metrics != null) {
            metrics.enableTransactionSizes();
        }
        this.transactions = new SourceTransactions(id, setup.producer(), settings, setup.topicAdmin(),
                setup.connectorOffsets() == null ? null : setup.connectorOffsets().worker(), setup.task(), metrics,
                time);
    }

    /** The task's transaction context: only with {@code transaction.boundary=connector}, else null. */
    TransactionContext context() {
        return context;
    }

    void initialize() {
        transactions.initialize();
    }

    void startSending() {
        boundaries.start();
    }

    void beforeSend(ProducerRecord<byte[], byte[]> record) {
        transactions.beforeSend(record);
    }

    /** A record about to be sent: its callback reports to what this returns, {@link #dispatched} takes it. */
    SourceTransactions.Sent sending(SourceRecord record) {
        return SourceTransactions.sending(record);
    }

    void dispatched(SourceTransactions.Sent sent, SourceRecord record) {
        transactions.dispatched(sent);
        end(boundaries.afterRecord(record));
    }

    void dropped(SourceRecord record) {
        transactions.dropped(record);
        end(boundaries.afterRecord(record));
    }

    void batchSent() {
        end(boundaries.afterBatch());
    }

    /** An open transaction would expire while the task is paused, and fence this producer. */
    void pausing() {
        end(boundaries.atEnd());
    }

    /** The last commit when the task stops normally; a failure is only logged, the coordinator aborts the rest. */
    void stopping() {
        try {
            end(boundaries.atEnd());
        } catch (ConnectException e) {
            log.error("{} Could not commit the last transaction while stopping; the transaction coordinator aborts "
                    + "it, and its records will be sent again", id, e);
        }
    }

    /** Whether a failed send is what aborting a transaction does to the records sent in it. */
    boolean expectedFailure(Throwable error) {
        return error instanceof TransactionAbortedException;
    }

    /** The failure of a task whose record the producer could not send. */
    ConnectException sendFailed(Throwable error) {
        return TransactionFailures.explain(id.toString(), settings.transactionalId(),
                settings.transactionalIdPrefix(), "send a record", error);
    }

    private void end(TransactionBoundaries.Action action) {
        if (action == TransactionBoundaries.Action.CONTINUE) {
            return;
        }
        if (action == TransactionBoundaries.Action.ABORT_THEN_COMMIT) {
            transactions.abort();
        }
        transactions.commit();
        submitted.committable(); // forget acknowledged records: their offsets went with the transaction
    }

    /** How many transactions were committed. */
    long commitCount() {
        return transactions.commitCount();
    }
}

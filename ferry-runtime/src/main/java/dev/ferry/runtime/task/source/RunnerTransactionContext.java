package dev.ferry.runtime.task.source;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * The {@link TransactionContext} of an exactly-once source task with
 * {@code transaction.boundary=connector}: the task asks for a commit or an abort, of the batch it
 * is returning or after a given record, and the runner acts on the request once the batch (or that
 * record) has been handed to the producer. Requests are remembered until then; asking for both a
 * commit and an abort of the same thing fails the task, because honouring either could lose or
 * duplicate data the task meant to treat the other way.
 *
 * <p>Thread contract: the task may call the request methods from any thread; the runner reads
 * the requests on the task thread. All methods are synchronized.
 */
final class RunnerTransactionContext implements TransactionContext {
    private final Set<SourceRecord> commitAfter = new HashSet<>();
    private final Set<SourceRecord> abortAfter = new HashSet<>();
    private boolean commitBatch;
    private boolean abortBatch;

    @Override
    public synchronized void commitTransaction() {
        commitBatch = true;
    }

    @Override
    public synchronized void commitTransaction(SourceRecord record) {
        commitAfter.add(Objects.requireNonNull(record, "The record that ends a transaction may not be null"));
    }

    @Override
    public synchronized void abortTransaction() {
        abortBatch = true;
    }

    @Override
    public synchronized void abortTransaction(SourceRecord record) {
        abortAfter.add(Objects.requireNonNull(record, "The record that ends a transaction may not be null"));
    }

    /** Whether the task asked to commit at the end of the batch; clears the request. */
    synchronized boolean takeBatchCommit() {
        checkBatch();
        boolean requested = commitBatch;
        commitBatch = false;
        return requested;
    }

    /** Whether the task asked to abort at the end of the batch; clears the request. */
    synchronized boolean takeBatchAbort() {
        checkBatch();
        boolean requested = abortBatch;
        abortBatch = false;
        return requested;
    }

    /** Whether the task asked to commit after {@code record}; clears the request. */
    synchronized boolean takeRecordCommit(SourceRecord record) {
        checkRecord(record);
        return commitAfter.remove(record);
    }

    /** Whether the task asked to abort after {@code record}; clears the request. */
    synchronized boolean takeRecordAbort(SourceRecord record) {
        checkRecord(record);
        return abortAfter.remove(record);
    }

    private void checkBatch() {
        if (commitBatch && abortBatch) {
            throw new IllegalStateException("The task asked to both commit and abort the transaction of the same "
                    + "batch; a connector must ask for one of the two");
        }
    }

    private void checkRecord(SourceRecord record) {
        if (commitAfter.contains(record) && abortAfter.contains(record)) {
            throw new IllegalStateException("The task asked to both commit and abort the transaction after the same "
                    + "record (topic " + record.topic() + ", partition " + record.kafkaPartition() + "); a connector "
                    + "must ask for one of the two");
        }
    }
}

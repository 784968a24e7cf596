package dev.ferry.runtime.task.source;

import dev.ferry.runtime.metrics.SourceTaskMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions of an exactly-once source task: its records and their source offsets are
 * written by one transactional producer, in one transaction, so a {@code read_committed} reader
 * sees both or neither.
 *
 * <h2>Lifecycle of one transaction</h2>
 * The first record sent after a commit begins a transaction. Each record handed to the producer
 * makes its offset pending (the latest offset per source partition wins); a record dropped by a
 * transform or a tolerated error contributes no offset, as in Apache. At a boundary
 * ({@link TransactionBoundaries}), {@link #commit()} sends the pending offsets to the connector's
 * offsets topic through the same producer, in Apache's key and value format ({@link OffsetCodec};
 * the default partitioner places each key where Apache's offset store would), then commits the
 * transaction, which waits for every record to be acknowledged. Only then are the offsets
 * forgotten, the task's {@code commitRecord} called for each record and its {@code commit()}
 * called. {@link #abort()} drops the open transaction's records but keeps their offsets pending,
 * so the next commit records them and the task does not see the same data again.
 *
 * <h2>Failures</h2>
 * Any failure to send, serialize offsets or commit fails the task with
 * {@link TransactionFailures}' explanation; a transactional producer cannot carry on after one.
 * Asynchronous send failures need no handling of their own: the commit reports them.
 *
 * <h2>Worker offsets</h2>
 * When the connector has its own offsets topic, each committed batch of offsets is also written,
 * after the commit and without waiting, to the worker's offsets store, as Apache does, so tools
 * that read only the worker's topic see them.
 *
 * <p>Thread contract: every method runs on the task thread; only {@link Sent#acknowledged} runs on
 * the producer's I/O thread.
 */
final class SourceTransactions {
    private static final Logger log = LoggerFactory.getLogger(SourceTransactions.class);

    private final ConnectorTaskId id;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final long coordinatorTimeoutMs;
    private final String transactionalId;
    private final String idPrefix;
    private final String offsetsTopic;
    private final OffsetBackingStore workerOffsets;
    private final SourceTask task;
    private final SourceTaskMetrics metrics;
    private final Time time;
    private final Map<Map<String, Object>, Map<String, Object>> pendingOffsets = new LinkedHashMap<>();
    /** Records of the open transaction(s), in order, for {@code commitRecord} once committed. */
    private final List<Sent> committable = new ArrayList<>();
    private boolean open;
    private int size;
    private long commits;

    /**
     * @param settings      the exactly-once settings of the task
     * @param workerOffsets the worker's offsets store to copy committed offsets to, or null when the connector
     *                      writes to the worker's topic itself
     * @param admin         used to find the transaction coordinator before the producer waits for it, or null
     * @param metrics       where transaction sizes go, or null
     */
    SourceTransactions(ConnectorTaskId id, Producer<byte[], byte[]> producer, SourceTransactionSettings settings,
                       Admin admin, OffsetBackingStore workerOffsets, SourceTask task, SourceTaskMetrics metrics,
                       Time time) {
        this.id = id;
        this.producer = producer;
        this.admin = admin;
        this.coordinatorTimeoutMs = settings.coordinatorTimeoutMs();
        this.transactionalId = settings.transactionalId();
        this.idPrefix = settings.transactionalIdPrefix();
        this.offsetsTopic = settings.offsetsTopic();
        this.workerOffsets = workerOffsets;
        this.task = task;
        this.metrics = metrics;
        this.time = time;
    }

    /**
     * Registers the producer's transactional id with the coordinator, fencing older producers of
     * the same id. The coordinator is looked up first with a bounded wait: the producer itself
     * would wait {@code max.block.ms}, which Connect sets to forever, so a broker that cannot host
     * transactions would leave the task RUNNING and silent instead of FAILED.
     */
    void initialize() {
        awaitCoordinator();
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            throw failure("initialize its transactional producer", e);
        }
    }

    private void awaitCoordinator() {
        if (admin == null) {
            return;
        }
        try {
            admin.describeTransactions(List.of(transactionalId),
                            new DescribeTransactionsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, coordinatorTimeoutMs)))
                    .description(transactionalId).get(coordinatorTimeoutMs + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Not found: the coordinator answered, which is all this asks. Unsupported: a broker older than
            // Kafka 3.0 cannot describe transactions; initTransactions alone has to do.
            if (!(e.getCause() instanceof TransactionalIdNotFoundException)
                    && !(e.getCause() instanceof UnsupportedVersionException)) {
                throw failure("initialize its transactional producer", e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure("initialize its transactional producer",
                    new org.apache.kafka.common.errors.TimeoutException("no answer within " + coordinatorTimeoutMs + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Task " + id + " was interrupted while looking up its transaction coordinator", e);
        }
    }

    /** A record is about to be sent: it must not go to the offsets topic, and it needs an open transaction. */
    void beforeSend(ProducerRecord<byte[], byte[]> record) {
        if (offsetsTopic.equals(record.topic())) {
            // A record in an open transaction on the offsets topic blocks the task's own offset reads until
            // the transaction ends, which may be never: Apache refuses the same.
            throw new ConnectException("Task " + id + " may not write to its own offsets topic '" + offsetsTopic
                    + "' with exactly-once support enabled; have the connector write to another topic, or give it "
                    + "another offsets topic with offsets.storage.topic");
        }
        begin();
    }

    /**
     * A record about to be sent; its producer callback reports to it. It joins the transaction
     * only through {@link #dispatched}, once the producer took it.
     */
    static Sent sending(SourceRecord record) {
        return new Sent(record);
    }

    /** The record was handed to the producer: its offset belongs to the open transaction. */
    void dispatched(Sent sent) {
        SourceRecord record = sent.record;
        if (record.sourcePartition() != null && record.sourceOffset() != null) {
            pendingOffsets.put(SubmittedRecords.copy(record.sourcePartition()),
                    SubmittedRecords.copy(record.sourceOffset()));
        }
        size++;
        committable.add(sent);
    }

    /** The record was dropped (filtered, or failed with errors tolerated): its task hears of it after the commit. */
    void dropped(SourceRecord record) {
        committable.add(new Sent(record));
    }

    /** Whether a transaction is open. */
    boolean isOpen() {
        return open;
    }

    /** How many transactions were committed. */
    long commitCount() {
        return commits;
    }

    /**
     * Writes the pending offsets and commits the transaction; then tells the task. Without an open
     * transaction or a pending offset, only tells the task about records it dropped, if any.
     */
    void commit() {
        long started = time.milliseconds();
        if (!open && pendingOffsets.isEmpty()) {
            if (hasCommittableRecords()) {
                tellTask();
            }
            return;
        }
        begin();
        int offsets = pendingOffsets.size();
        try {
            for (Map.Entry<Map<String, Object>, Map<String, Object>> entry : pendingOffsets.entrySet()) {
                producer.send(new ProducerRecord<>(offsetsTopic, bytes(OffsetCodec.key(id.connector(), entry.getKey())),
                        bytes(OffsetCodec.value(entry.getValue()))));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            open = false;
            throw failure("commit its transaction", e);
        }
        open = false;
        commits++;
        if (metrics != null) {
            metrics.recordTransaction(size);
        }
        log.debug("{} Committed a transaction of {} records and {} source offsets in {} ms", id, size, offsets,
                time.milliseconds() - started);
        size = 0;
        copyToWorkerStore();
        pendingOffsets.clear();
        tellTask();
    }

    /** Aborts the open transaction; its records are never visible, their offsets stay pending. */
    void abort() {
        if (!open) {
            log.warn("{} Ignoring the task's request to abort the transaction: no records were sent since the last "
                    + "commit", id);
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            open = false;
            throw failure("abort its transaction", e);
        }
        open = false;
        size = 0;
        log.info("{} Aborted the transaction as the task asked", id);
    }

    private void begin() {
        if (open) {
            return;
        }
        try {
            producer.beginTransaction();
        } catch (RuntimeException e) {
            throw failure("begin a transaction", e);
        }
        open = true;
    }

    private void copyToWorkerStore() {
        if (workerOffsets == null || pendingOffsets.isEmpty()) {
            return;
        }
        Map<ByteBuffer, ByteBuffer> encoded = new LinkedHashMap<>();
        pendingOffsets.forEach((partition, offset) ->
                encoded.put(OffsetCodec.key(id.connector(), partition), OffsetCodec.value(offset)));
        workerOffsets.set(encoded).whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn("{} Could not copy committed source offsets to the worker's offsets topic; the connector's "
                        + "own offsets topic '{}' has them", id, offsetsTopic, error);
            }
        });
    }

    private boolean hasCommittableRecords() {
        return !committable.isEmpty();
    }

    private void tellTask() {
        List<Sent> records = new ArrayList<>(committable);
        committable.clear();
        for (Sent record : records) {
            try {
                task.commitRecord(record.record, record.metadata);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                log.error("{} Exception thrown while calling task.commitRecord()", id, t);
            }
        }
        try {
            task.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            log.error("{} Exception thrown while calling task.commit()", id, t);
        }
    }

    private ConnectException failure(String what, Throwable e) {
        return TransactionFailures.explain(id.toString(), transactionalId, idPrefix, what, e);
    }

    /**
     * A record handed (or about to be handed) to the producer, with its metadata once acknowledged:
     * set on the producer's I/O thread before {@code commitTransaction} returns, read after it.
     */
    static final class Sent {
        private final SourceRecord record;
        private volatile RecordMetadata metadata;

        private Sent(SourceRecord record) {
            this.record = record;
        }

        /** The producer acknowledged the record; called on its I/O thread. */
        void acknowledged(RecordMetadata metadata) {
            this.metadata = metadata;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}

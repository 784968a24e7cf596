package dev.ferry.runtime.errors;

import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The processing of one record through the stages of a pipeline. Each stage runs through
 * {@link #run}; once a stage has failed and the failure was tolerated, {@link #failed()} is true
 * and the pipeline drops the record.
 *
 * <p>Thread contract: used by one thread, the task thread, for the life of one record.
 */
public final class RecordAttempt {
    private final ErrorHandler handler;
    private final ConsumerRecord<byte[], byte[]> consumedRecord;
    private final SourceRecord sourceRecord;
    private Stage failedStage;
    private Throwable error;

    RecordAttempt(ErrorHandler handler, ConsumerRecord<byte[], byte[]> consumedRecord, SourceRecord sourceRecord) {
        this.handler = handler;
        this.consumedRecord = consumedRecord;
        this.sourceRecord = sourceRecord;
    }

    /**
     * Runs one stage. Returns its result, or null if the stage failed and the failure was
     * tolerated (check {@link #failed()}: null is also a legitimate result of some stages).
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if the failure is not tolerated
     */
    public <V> V run(Stage stage, Class<?> executingClass, Callable<V> operation) {
        if (failed()) {
            throw new IllegalStateException("Stage " + stage + " was run after stage " + failedStage
                    + " had already failed; the pipeline must drop a record once failed() is true");
        }
        return handler.run(this, stage, executingClass, operation);
    }

    /** Whether a stage failed and the record is to be dropped. */
    public boolean failed() {
        return failedStage != null;
    }

    /** The tolerated failure, or null. */
    public Throwable error() {
        return error;
    }

    /** The record as consumed (sink side), or null. */
    public ConsumerRecord<byte[], byte[]> consumedRecord() {
        return consumedRecord;
    }

    /** The record as polled (source side), or null. */
    public SourceRecord sourceRecord() {
        return sourceRecord;
    }

    void markFailed(Stage stage, Throwable cause) {
        this.failedStage = stage;
        this.error = cause;
    }
}

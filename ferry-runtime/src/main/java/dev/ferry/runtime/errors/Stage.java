package dev.ferry.runtime.errors;

/**
 * The step of a record's journey where an error happened. The names are Apache's and are written
 * verbatim into logs and into the {@code __connect.errors.stage} dead letter queue header, so
 * tools that read either keep working.
 */
public enum Stage {
    /** Turning Connect headers into bytes or back. */
    HEADER_CONVERTER,
    /** Turning a record key into bytes or back. */
    KEY_CONVERTER,
    /** Turning a record value into bytes or back. */
    VALUE_CONVERTER,
    /** A single message transform, including the evaluation of its predicate. */
    TRANSFORMATION,
    /** Handing records to {@code SinkTask.put}; also the stage of records the task reports as errant. */
    TASK_PUT,
    /** Asking {@code SourceTask.poll} for records. */
    TASK_POLL,
    /** Sending a converted record with the producer. */
    KAFKA_PRODUCE,
    /** Reading records with the consumer. */
    KAFKA_CONSUME;

    /** Whether an error in this stage may be skipped when {@code errors.tolerance=all}. */
    boolean isTolerable() {
        return this == HEADER_CONVERTER || this == KEY_CONVERTER || this == VALUE_CONVERTER
                || this == TRANSFORMATION;
    }
}

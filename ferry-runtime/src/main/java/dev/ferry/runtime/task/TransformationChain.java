package dev.ferry.runtime.task;

import dev.ferry.runtime.errors.RecordAttempt;
import dev.ferry.runtime.errors.Stage;
import java.util.List;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector's single message transforms, applied in the order of its {@code transforms} list.
 * Each step runs through the error handler as stage TRANSFORMATION (predicate evaluation
 * included), so retries, tolerance and reporting are the same as for the converters.
 *
 * <p>Thread contract: used by the task thread only.
 */
public final class TransformationChain<R extends ConnectRecord<R>> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransformationChain.class);

    private final List<TransformStep<R>> steps;

    /** A chain of the given steps, which it owns and closes. */
    public TransformationChain(List<TransformStep<R>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A chain that passes records through unchanged. */
    public static <R extends ConnectRecord<R>> TransformationChain<R> empty() {
        return new TransformationChain<>(List.of());
    }

    /**
     * Transforms one record. Returns null when a transformation filtered it out or failed with
     * errors tolerated (then {@code attempt.failed()} is true).
     */
    public R apply(RecordAttempt attempt, R record) {
        R current = record;
        for (TransformStep<R> step : steps) {
            R input = current;
            current = attempt.run(Stage.TRANSFORMATION, step.transformation().getClass(), () -> step.apply(input));
            if (current == null || attempt.failed()) {
                return null;
            }
        }
        return current;
    }

    @Override
    public void close() {
        for (TransformStep<R> step : steps) {
            try {
                step.close();
            } catch (RuntimeException e) {
                log.warn("Could not close transformation '{}'", step.alias(), e);
            }
        }
    }
}

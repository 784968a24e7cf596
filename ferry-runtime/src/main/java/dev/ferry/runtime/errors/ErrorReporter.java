package dev.ferry.runtime.errors;

import java.util.concurrent.CompletableFuture;

/**
 * Somewhere a failure is recorded: the log, a dead letter queue. The {@link ErrorHandler} calls
 * every configured reporter for every failure, whether the failure is then tolerated or not.
 *
 * <p>Thread contract: called from the task thread and, for produce failures, from the producer's
 * I/O thread; implementations must be thread-safe. {@link #close()} is called once, on the task
 * thread, after the task has stopped.
 */
public interface ErrorReporter extends AutoCloseable {

    /**
     * Records the failure. The future completes when the report is durable (a dead letter queue
     * write is acknowledged); reporters that finish at once return a completed future.
     */
    CompletableFuture<Void> report(ErrorReport report);

    @Override
    default void close() {
    }
}

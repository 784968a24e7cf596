package dev.ferry.rest;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the herder's answers on the request thread, bounded as Apache bounds them. A timeout
 * does not cancel the herder's work: a create that times out may still complete later, as in Apache.
 *
 * <p>A request that {@link LeaderForwarding} retries calls the herder several times; all of those
 * calls share the one request deadline set with {@link #within}, so a client never waits longer
 * than {@link #timeout()} in total. The deadline is kept per request thread: request handling
 * is synchronous on one Jetty thread from start to end.
 */
final class HerderCalls {
    private final Duration timeout;
    private final ThreadLocal<Long> deadlineNanos = new ThreadLocal<>();

    HerderCalls(Duration timeout) {
        this.timeout = timeout;
    }

    /** How long one request may wait for the herder in total. */
    Duration timeout() {
        return timeout;
    }

    /** A route body that may throw, as Javalin's handlers do. */
    interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} with every {@link #await} in it bounded by {@code deadline} ({@link System#nanoTime()}). */
    void within(long deadline, Body body) throws Exception {
        Long outer = deadlineNanos.get();
        deadlineNanos.set(deadline);
        try {
            body.run();
        } finally {
            if (outer == null) {
                deadlineNanos.remove();
            } else {
                deadlineNanos.set(outer);
            }
        }
    }

    <T> T await(CompletionStage<T> stage) {
        Long deadline = deadlineNanos.get();
        long waitNanos = deadline == null ? timeout.toNanos() : Math.max(0, deadline - System.nanoTime());
        try {
            return stage.toCompletableFuture().get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                // Javalin hands Errors to no exception mapper and answers an empty 500; wrapped, ErrorMapper
                // sees it (and unwraps it) like any other failure
                throw new CompletionException(error);
            }
            throw sneaky(e.getCause());
        } catch (TimeoutException e) {
            throw new RestException(500, "Request timed out. The worker did not complete the request within "
                    + timeout.toMillis() + " ms; it may be busy or stuck, so check the worker log, and retry "
                    + "or read the current state before repeating the change.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(500, "Request interrupted while waiting for the worker; the server may be stopping.");
        }
    }

    /** Rethrows the herder's own exception, checked or not, so that {@link ErrorMapper} sees it unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }
}

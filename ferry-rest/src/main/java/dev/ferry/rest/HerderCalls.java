package dev.ferry.rest;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the herder's answers on the request thread, bounded as Apache bounds them. A timeout
 * does not cancel the herder's work: a create that times out may still complete later, as in Apache.
 */
final class HerderCalls {
    private final Duration timeout;

    HerderCalls(Duration timeout) {
        this.timeout = timeout;
    }

    <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
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

package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.NotLeaderException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends a request to a first worker and follows {@link NotLeaderException}s to the worker they
 * name, as the REST layer's leader forwarding does: when no leader is known (a rebalance) it asks
 * the first worker again after a pause, until the deadline. Every other failure is the answer.
 */
final class RequestRouter {
    private static final long RETRY_PAUSE_MS = 100;

    private final Herder first;
    /** Herders by advertised REST URL without the trailing slash. */
    private final Map<String, Herder> byUrl;
    private final Duration timeout;

    RequestRouter(Herder first, Map<String, Herder> byUrl, Duration timeout) {
        this.first = first;
        this.byUrl = byUrl;
        this.timeout = timeout;
    }

    <T> T send(Function<Herder, CompletionStage<T>> request) {
        return read(h -> await(request.apply(h)));
    }

    <T> T read(Function<Herder, T> request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Herder target = first;
        while (true) {
            NotLeaderException redirect;
            try {
                return request.apply(target);
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                if (!(cause instanceof NotLeaderException notLeader)) {
                    throw cause instanceof RuntimeException r ? r : e;
                }
                redirect = notLeader;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still redirected after " + timeout.toMillis() + " ms", redirect);
            }
            Herder next = redirect.leaderUrl() == null ? null : byUrl.get(withoutSlash(redirect.leaderUrl()));
            if (next == null || next == target) {
                pause();
                target = first;
            } else {
                target = next;
            }
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for an answer", e);
        }
    }

    static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting to retry", e);
        }
    }
}

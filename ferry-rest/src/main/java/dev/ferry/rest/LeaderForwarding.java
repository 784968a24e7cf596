package dev.ferry.rest;

import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.model.Sentences;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a client send any write to any worker of a distributed cluster: a route wrapped here that
 * fails with {@link NotLeaderException} is re-issued to the leader and the leader's answer
 * (status, body, {@code Location}) is relayed.
 *
 * <h2>Hops</h2>
 * A request from a client (no {@code forward} parameter, or Apache's {@code forward=true}) is a
 * first hop: it may be forwarded. The forwarded copy carries {@code forward=false}; a worker that
 * receives such a copy and is not the leader does not pass it on but answers 409 with
 * {@value #NOT_LEADER_HEADER} set, so that requests never travel in circles while the
 * cluster's workers disagree about who leads, and the first hop knows to try again.
 *
 * <h2>Retries</h2>
 * Apache answers 409 or 500 whenever leadership is in flux (no leader known during a rebalance,
 * the leader just died, the named worker stopped leading). Those answers are transient, so the
 * first hop retries instead, in three cases only: no leader is known; the leader cannot be
 * connected to (it cannot have acted on the request); the leader answers 409 with
 * {@value #NOT_LEADER_HEADER}. Each retry calls the herder again, which may now succeed locally
 * (this worker became leader) or name the new leader. Retries back off from
 * {@link #INITIAL_BACKOFF} to {@link #MAX_BACKOFF}, and everything, herder calls included, stays
 * within the one request timeout ({@link HerderCalls#timeout()}, 90 s): when the next retry would
 * pass it, the last failure is answered. Any other failure, including an I/O error after the
 * request reached the leader, is answered at once: the leader may have applied the change, and
 * repeating a create would turn a success into a 409.
 *
 * <p>Thread contract: the wrapped handler runs on the request thread, which also sleeps between
 * retries.
 */
final class LeaderForwarding {
    private static final Logger log = LoggerFactory.getLogger(LeaderForwarding.class);
    /** Set on a 409 that means "this worker is not the leader", so that the first hop knows to retry. */
    static final String NOT_LEADER_HEADER = "X-Ferry-Not-Leader";
    /** The first pause before calling the herder again. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);
    /** The longest pause between retries; the backoff doubles up to it. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final HerderCalls calls;
    private final RequestForwarder forwarder;

    LeaderForwarding(HerderCalls calls, RequestForwarder forwarder) {
        this.calls = calls;
        this.forwarder = forwarder;
    }

    /** {@code route}, forwarded to the leader (and retried) when the herder says this worker is not it. */
    Handler wrap(Handler route) {
        return ctx -> handle(route, ctx);
    }

    private void handle(Handler route, Context ctx) throws Exception {
        long deadline = System.nanoTime() + calls.timeout().toNanos();
        boolean firstHop = !"false".equalsIgnoreCase(ctx.queryParam(RequestForwarder.FORWARD_PARAM));
        Duration backoff = INITIAL_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            NotLeaderException notLeader;
            try {
                calls.within(deadline, () -> route.handle(ctx));
                return;
            } catch (Exception e) {
                notLeader = notLeaderIn(e);
                if (notLeader == null) {
                    throw e;
                }
            }
            if (!firstHop) {
                ctx.header(NOT_LEADER_HEADER, "true");
                throw notLeader;
            }
            Failure failure = forward(ctx, notLeader.leaderUrl(), deadline);
            if (failure == null) {
                return;
            }
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= backoff.toNanos()) {
                log.info("Giving up on {} {} after {} attempts within {} ms: {}", ctx.method(), ctx.path(), attempt,
                        calls.timeout().toMillis(), failure.reason());
                failure.answer(ctx, calls.timeout());
                return;
            }
            log.info("Retrying {} {} in {} ms (attempt {}): {}", ctx.method(), ctx.path(), backoff.toMillis(),
                    attempt + 1, failure.reason());
            pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Forwards to the leader and relays its answer; returns why it could not, when a retry may help. */
    private Failure forward(Context ctx, String leaderUrl, long deadline) {
        if (leaderUrl == null) {
            return new NoLeader();
        }
        log.debug("Forwarding {} {} to the leader at {}", ctx.method(), ctx.path(), leaderUrl);
        RequestForwarder.Answer answer;
        try {
            answer = forwarder.forward(ctx, leaderUrl, Duration.ofNanos(deadline - System.nanoTime()));
        } catch (RequestForwarder.LeaderUnreachableException e) {
            return new Unreachable(leaderUrl, e.getCause());
        }
        if (answer.notLeader()) {
            return new NoLongerLeader(leaderUrl, answer);
        }
        relay(ctx, answer);
        return null;
    }

    /** Relays the leader's answer; its {@code Location} is rewritten to the address this client used, as Apache builds it on the first hop. */
    private static void relay(Context ctx, RequestForwarder.Answer answer) {
        ctx.status(answer.status());
        if (answer.contentType() != null) {
            ctx.contentType(answer.contentType());
        }
        if (answer.location() != null) {
            ctx.header("Location", clientFacing(ctx, answer.location()));
        }
        ctx.result(answer.body());
    }

    private static String clientFacing(Context ctx, String location) {
        URI leaderLocation = URI.create(location);
        URI request = URI.create(ctx.req().getRequestURL().toString());
        return request.getScheme() + "://" + request.getRawAuthority() + leaderLocation.getRawPath()
                + (leaderLocation.getRawQuery() == null ? "" : "?" + leaderLocation.getRawQuery());
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(500, "Interrupted while waiting to retry the request; the server may be stopping.");
        }
    }

    private static NotLeaderException notLeaderIn(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof NotLeaderException notLeader ? notLeader : null;
    }

    /** The JDK client's refusals carry no message; say what they mean, as Apache's message does. */
    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException && cause.getMessage() == null) {
            return cause.getClass().getName() + ": Connection refused";
        }
        return cause.toString();
    }

    /** Why a forward did not happen, and what to answer when no retry is left. */
    private sealed interface Failure permits NoLeader, Unreachable, NoLongerLeader {
        String reason();

        void answer(Context ctx, Duration timeout);
    }

    private record NoLeader() implements Failure {
        @Override
        public String reason() {
            return "no leader is known, the cluster is rebalancing";
        }

        @Override
        public void answer(Context ctx, Duration timeout) {
            throw new RestException(409, "Cannot complete request momentarily due to no known leader URL, likely "
                    + "because a rebalance was underway. No leader was elected within " + timeout.toMillis()
                    + " ms; check that the workers can reach the Kafka cluster and each other, then retry.");
        }
    }

    private record Unreachable(String leaderUrl, Throwable cause) implements Failure {
        @Override
        public String reason() {
            return "the leader at " + leaderUrl + " cannot be reached (" + describe(cause) + ")";
        }

        @Override
        public void answer(Context ctx, Duration timeout) {
            throw new RestException(500, "IO Error trying to forward REST request: " + Sentences.end(describe(cause)) + " The leader at "
                    + leaderUrl + " could not be reached for " + timeout.toMillis() + " ms; check that it is running "
                    + "and that its rest.advertised.* settings name an address this worker can reach.");
        }
    }

    private record NoLongerLeader(String leaderUrl, RequestForwarder.Answer answer) implements Failure {
        @Override
        public String reason() {
            return "the worker at " + leaderUrl + " is no longer the leader";
        }

        @Override
        public void answer(Context ctx, Duration timeout) {
            relay(ctx, answer);
        }
    }
}

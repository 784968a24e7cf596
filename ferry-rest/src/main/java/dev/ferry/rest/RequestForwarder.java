package dev.ferry.rest;

import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.cluster.requests.WorkerHttpClient;
import dev.ferry.runtime.model.Sentences;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-issues a request this worker received to another worker (the leader): same method, raw path,
 * query (with {@code forward=false} in place of any {@code forward} the client sent), body bytes
 * and content type, plus the headers that must survive the hop: {@code Authorization} (as Apache
 * forwards it) and the KIP-507 signature headers, which stay valid because the body bytes are
 * unchanged.
 *
 * <p>{@code https} leaders are reached with the JVM's default {@code SSLContext}, so the leader's
 * certificate must be trusted by the JVM trust store; {@code listeners.https.ssl.truststore.*}
 * is not used for forwarding yet.
 *
 * <p>Thread-safe; {@link #close()} stops the client's threads.
 */
final class RequestForwarder implements AutoCloseable {
    /** How long to wait for a TCP connection to the leader before treating it as unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final String FORWARD_PARAM = "forward";
    private static final List<String> RELAYED_REQUEST_HEADERS = List.of("Content-Type", "Authorization",
            RequestSigner.SIGNATURE_HEADER, RequestSigner.ALGORITHM_HEADER);

    private final WorkerHttpClient http = new WorkerHttpClient("ferry-rest-forwarder", CONNECT_TIMEOUT);

    /** The leader could not be reached at all, so it cannot have acted on the request: safe to retry. */
    static final class LeaderUnreachableException extends Exception {
        LeaderUnreachableException(IOException cause) {
            super(cause);
        }
    }

    /** The leader's answer, to relay to the client or to act on. */
    record Answer(int status, byte[] body, String contentType, String location, boolean notLeader) {
    }

    /**
     * Sends {@code ctx}'s request to {@code leaderUrl} and waits at most {@code timeout} for the answer.
     *
     * @throws LeaderUnreachableException when no connection could be made (refused or timed out)
     * @throws RestException (500) for any other I/O failure: the leader may have acted on the
     *                       request, so it must not be sent again blindly
     */
    Answer forward(Context ctx, String leaderUrl, Duration timeout) throws LeaderUnreachableException {
        URI target = target(ctx, leaderUrl);
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
                .header("Accept", JsonResponses.JSON)
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : RELAYED_REQUEST_HEADERS) {
            String value = ctx.header(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new LeaderUnreachableException(e);
        } catch (IOException e) {
            throw new RestException(500, "IO Error trying to forward REST request: " + Sentences.end(e) + " The leader at "
                    + leaderUrl + " did not answer; it may or may not have applied the change, so read the current "
                    + "state before repeating the request.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException(500, "Interrupted while forwarding the request to the leader at " + leaderUrl
                    + "; the server may be stopping.");
        }
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue(LeaderForwarding.NOT_LEADER_HEADER).isPresent());
    }

    /** The leader's URL with this request's raw path and query, {@code forward=false} replacing any {@code forward}. */
    static URI target(Context ctx, String leaderUrl) {
        String base = leaderUrl.endsWith("/") ? leaderUrl.substring(0, leaderUrl.length() - 1) : leaderUrl;
        List<String> query = new ArrayList<>();
        String raw = ctx.queryString();
        if (raw != null && !raw.isEmpty()) {
            for (String parameter : raw.split("&")) {
                if (!parameter.isEmpty() && !parameter.equals(FORWARD_PARAM)
                        && !parameter.startsWith(FORWARD_PARAM + "=")) {
                    query.add(parameter);
                }
            }
        }
        query.add(FORWARD_PARAM + "=false");
        return URI.create(base + ctx.req().getRequestURI() + "?" + String.join("&", query));
    }

    @Override
    public void close() {
        http.close();
    }
}

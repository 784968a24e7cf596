package dev.ferry.registry.rest;

import dev.ferry.registry.Sentences;
import dev.ferry.registry.cluster.Leadership;
import dev.ferry.registry.core.ErrorCode;
import dev.ferry.registry.core.RegistryException;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a write that reached a follower to the leader and relays the leader's answer, as Confluent's followers
 * do: same method, path, query, body, content type and {@code Authorization}. A request that was already
 * forwarded once is never forwarded again (two instances that both think the other leads would bounce it).
 * No known leader is error 50004; a leader that cannot be reached or answered nothing is 50003.
 *
 * <p>Thread-safe.
 */
final class LeaderForwarding {
    private static final Logger log = LoggerFactory.getLogger(LeaderForwarding.class);
    static final String FORWARDED_HEADER = "X-Ferry-Registry-Forwarded";
    /** How long a write waits for an election under way before answering 50004. */
    private static final long LEADER_WAIT_MS = 10_000;
    private static final List<String> RELAYED_HEADERS = List.of("Content-Type", "Authorization", "Accept");

    private final Leadership leadership;
    private final Duration timeout;
    private final HttpClient http;
    private final Runnable afterWrite;

    /**
     * @param afterWrite run after the leader accepted a write, before answering: waits until this instance has
     *                   read the write back, so the client's next read here sees it
     */
    LeaderForwarding(Leadership leadership, Duration timeout, Runnable afterWrite) {
        this.leadership = leadership;
        this.timeout = timeout;
        this.afterWrite = afterWrite;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Answers {@code ctx} by the leader unless this instance leads; returns whether it did. */
    boolean forwardUnlessLeader(Context ctx) throws InterruptedException {
        if (leadership.isLeader()) {
            return false;
        }
        if (ctx.header(FORWARDED_HEADER) != null) {
            throw new RegistryException(ErrorCode.UNKNOWN_LEADER, "This instance received a forwarded write but is not "
                    + "the leader; the group is electing a new one. Retry shortly.");
        }
        String leader = leadership.leaderUrl();
        if (leader == null) {
            leadership.awaitLeader(LEADER_WAIT_MS);
            if (leadership.isLeader()) {
                return false;
            }
            leader = leadership.leaderUrl();
            if (leader == null) {
                throw new RegistryException(ErrorCode.UNKNOWN_LEADER, "No leader is known for this schema registry "
                        + "group, so the write cannot be made. Check that an instance with leader.eligibility=true "
                        + "runs and reaches the Kafka cluster.");
            }
        }
        relay(ctx, leader);
        return true;
    }

    private void relay(Context ctx, String leader) throws InterruptedException {
        String query = ctx.queryString();
        URI target = URI.create(stripSlash(leader) + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()))
                .header(FORWARDED_HEADER, "true");
        for (String header : RELAYED_HEADERS) {
            String value = ctx.header(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.REQUEST_FORWARDING_FAILED, Sentences.then("Could not forward the write to "
                    + "the leader at " + leader + ": " + e, "Retry; the group elects a new leader if this one is gone."), e);
        }
        if (answer.statusCode() / 100 == 2) {
            try {
                afterWrite.run();
            } catch (RuntimeException e) {
                log.warn("The leader made the write, but this instance has not read it back yet: {}", e.getMessage());
            }
        }
        ctx.status(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        ctx.result(answer.body());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

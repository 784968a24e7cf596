package dev.ferry.runtime.cluster.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.SessionKey;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the requests a worker makes of the leader on its own behalf, as opposed to forwarding a
 * user's request: today, the task configurations a connector generated on a worker that is not
 * the leader ({@code POST <leader>/connectors/<c>/tasks}, Apache's body: a JSON array of string
 * maps), and rounds of zombie fencing its exactly-once source tasks need
 * ({@code PUT <leader>/connectors/<c>/fence}). Requests carry {@code forward=false}, so a worker
 * that is no longer the leader answers 409 instead of passing them on; the caller retries with the leader it learns next.
 *
 * <p>{@code https} leaders are reached with the JVM's default {@code SSLContext}: the leader's
 * certificate must be trusted by the JVM's trust store ({@code javax.net.ssl.trustStore}); the
 * worker's {@code listeners.https.ssl.*} trust settings are not used yet.
 *
 * <p>Thread-safe; calls block the calling thread for at most the request timeout, so call it off
 * the herder's own thread. {@link #close()} stops the client's threads.
 */
public final class InterWorkerClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InterWorkerClient.class);
    private static final String JSON = "application/json";

    private final Duration requestTimeout;
    private final WorkerHttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param requestTimeout how long to wait for a connection and then for the whole answer */
    public InterWorkerClient(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = new WorkerHttpClient("ferry-inter-worker-client", requestTimeout);
    }

    /**
     * Posts a connector's task configurations to the leader.
     *
     * @param leaderUrl the leader's advertised REST URL, e.g. {@code http://host:8083/}
     * @param key       the session key to sign with, or null to send the request unsigned
     * @param algorithm the MAC algorithm ({@code inter.worker.signature.algorithm}); unused when unsigned
     * @throws ConnectException naming the leader, its status and its answer when the leader did not
     *                          take them, or the I/O failure when it could not be reached
     */
    public void postTaskConfigs(String leaderUrl, String connector, List<Map<String, String>> taskConfigs,
                                SessionKey key, String algorithm) {
        Objects.requireNonNull(leaderUrl, "leaderUrl");
        URI uri = URI.create(withoutTrailingSlash(leaderUrl) + "/connectors/" + pathSegment(connector)
                + "/tasks?forward=false");
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(taskConfigs);
        } catch (JsonProcessingException e) {
            throw new ConnectException("Cannot serialize the task configurations of connector " + connector, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", JSON)
                .header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            RequestSigner.headers(body, key, algorithm).forEach(request::header);
        }
        log.debug("Sending {} task configurations of connector {} to the leader at {}{}", taskConfigs.size(), connector,
                uri, key == null ? " unsigned" : "");
        HttpResponse<String> response;
        try {
            response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConnectException("Could not send the task configurations of connector " + connector
                    + " to the leader at " + leaderUrl + ": " + Sentences.end(e) + " The leader may have stopped or be unreachable "
                    + "from this worker; check its rest.advertised.* settings.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while sending the task configurations of connector " + connector
                    + " to the leader at " + leaderUrl, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ConnectException("The leader at " + leaderUrl + " refused the task configurations of connector "
                    + connector + " with status " + status + ": " + response.body());
        }
    }

    /**
     * Asks the leader for a round of zombie fencing of an exactly-once source connector
     * ({@code PUT <leader>/connectors/<c>/fence}, KIP-618, an empty body signed like task configs)
     * and returns once the leader fenced its previous task producers and wrote its task-count record.
     *
     * @throws ConnectException naming the leader, its status and its answer when it refused, or
     *                          the I/O failure when it could not be reached
     */
    public void putFence(String leaderUrl, String connector, SessionKey key, String algorithm) {
        Objects.requireNonNull(leaderUrl, "leaderUrl");
        URI uri = URI.create(withoutTrailingSlash(leaderUrl) + "/connectors/" + pathSegment(connector)
                + "/fence?forward=false");
        byte[] body = new byte[0];
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", JSON)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            RequestSigner.headers(body, key, algorithm).forEach(request::header);
        }
        HttpResponse<String> response;
        try {
            response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConnectException("Could not ask the leader at " + leaderUrl + " to fence the task producers of "
                    + "connector " + connector + ": " + Sentences.end(e) + " The leader may have stopped or be unreachable from this "
                    + "worker; check its rest.advertised.* settings.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while asking the leader at " + leaderUrl + " to fence connector "
                    + connector, e);
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw new ConnectException("The leader at " + leaderUrl + " did not fence the task producers of connector "
                    + connector + ": status " + status + ": " + response.body());
        }
    }

    /** Stops the client's threads; connections in use are abandoned. */
    @Override
    public void close() {
        http.close();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** URLEncoder encodes for forms, where a space is '+'; in a path it must be %20. */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

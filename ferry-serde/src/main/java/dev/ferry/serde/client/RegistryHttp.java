package dev.ferry.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Sends one REST request to the registry and turns the answer into JSON or an exception.
 *
 * <p><b>Fail-over and retries.</b> A request goes first to the URL that last answered. On that URL it is tried
 * up to {@code max.retries + 1} times while it fails to connect, times out or gets a retriable status (408, 429,
 * 500, 502, 503, 504; Confluent's set), waiting {@link RetryBackoff} between tries; then the next URL gets the
 * same treatment. Any other error status ends the request at once with {@link SchemaRegistryException}. When every
 * URL failed, the exception names each URL tried: {@link RegistryUnreachableException} when none answered (or
 * only with 408/429/502/503/504), a plain {@link SchemaRegistryException} for a final 500.
 *
 * <p>Thread-safe; the JDK client multiplexes concurrent requests.
 */
final class RegistryHttp implements AutoCloseable {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Set<Integer> RETRIABLE = Set.of(408, 429, 500, 502, 503, 504);
    private static final Set<Integer> UNAVAILABLE = Set.of(408, 429, 502, 503, 504);
    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final ClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final RetryBackoff backoff;
    private final LongConsumer sleeper;
    private final AtomicInteger current = new AtomicInteger();
    private final ExecutorService executor;

    RegistryHttp(ClientSettings settings, ObjectMapper mapper) {
        this(settings, mapper, new RetryBackoff(settings.retriesWaitMs(), settings.retriesMaxWaitMs(),
                bound -> ThreadLocalRandom.current().nextLong(bound)), RegistryHttp::sleep);
    }

    RegistryHttp(ClientSettings settings, ObjectMapper mapper, RetryBackoff backoff, LongConsumer sleeper) {
        this.settings = settings;
        this.mapper = mapper;
        this.backoff = backoff;
        this.sleeper = sleeper;
        // Our own daemon threads, so that close() (Java 17's HttpClient has none) really ends them and an
        // application that forgets to close its serializer still exits.
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ferry-schema-registry-client");
            thread.setDaemon(true);
            return thread;
        });
        this.http = buildClient(settings, executor);
    }

    private static HttpClient buildClient(ClientSettings settings, ExecutorService executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        if (settings.proxied()) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(settings.proxyHost(), settings.proxyPort())));
        }
        return builder.build();
    }

    /** GET; the body as JSON. */
    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** POST of a JSON body; the answer as JSON. */
    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode send(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? null : toBytes(body);
        List<RegistryEndpoint> endpoints = settings.endpoints();
        List<String> tried = new ArrayList<>();
        Failure last = null;
        int start = current.get();
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            RegistryEndpoint endpoint = endpoints.get(index);
            String url = endpoint.baseUrl() + path;
            tried.add(url);
            for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
                if (attempt > 0) {
                    sleeper.accept(backoff.delayMs(attempt - 1));
                }
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(method, url, endpoint, bytes), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    last = new Failure(url, e, null);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnreachableException("Interrupted while waiting for the schema registry at "
                            + url, tried, e);
                }
                int status = response.statusCode();
                if (status == 200) {
                    current.set(index);
                    return parse(response.body(), method, url);
                }
                if (status == 204) {
                    current.set(index);
                    return null;
                }
                SchemaRegistryException error = error(method, url, status, response.body());
                if (!RETRIABLE.contains(status)) {
                    current.set(index);
                    throw error;
                }
                last = new Failure(url, null, error);
            }
        }
        return giveUp(method, tried, last);
    }

    private JsonNode giveUp(String method, List<String> tried, Failure last) {
        if (last.error() != null && !UNAVAILABLE.contains(last.error().status())) {
            throw last.error();
        }
        Throwable cause = last.error() != null ? last.error() : last.io();
        String why = last.error() != null ? last.error().getMessage() : describe(last.io());
        throw new RegistryUnreachableException("No schema registry answered " + method + " after trying "
                + tried.size() + " URL(s) " + tried + " with " + settings.maxRetries() + " retries each; last failure at "
                + last.url() + ": " + why + ". Check that the registry runs and that '"
                + SchemaRegistryClients.URL_CONFIG + "' names it.", tried, cause);
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        // The JDK's ConnectException often has no message; the first message down the chain says what happened.
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        String name = e.getClass().getSimpleName();
        return message == null ? name + " (connection refused or closed)" : name + ": " + message;
    }

    private HttpRequest request(String method, String url, RegistryEndpoint endpoint, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.readTimeout())
                .header("Accept", ACCEPT);
        settings.headers().forEach(builder::header);
        for (Map.Entry<String, String> header : settings.authorization().headersFor(endpoint).entrySet()) {
            builder.setHeader(header.getKey(), header.getValue());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return builder.build();
    }

    private JsonNode parse(byte[] body, String method, String url) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("The schema registry at " + url + " answered " + method
                    + " with a body that is not JSON: " + excerpt(body) + ". Check that '"
                    + SchemaRegistryClients.URL_CONFIG + "' points at a schema registry.", 200, 50005, url);
        }
    }

    private SchemaRegistryException error(String method, String url, int status, byte[] body) {
        int code = status;
        String message = excerpt(body);
        try {
            JsonNode json = mapper.readTree(body);
            if (json != null && json.isObject()) {
                code = json.path("error_code").asInt(status);
                message = json.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // Proxies and load balancers answer with HTML; the excerpt already says what came back.
        }
        return new SchemaRegistryException("Schema registry " + method + " " + url + " failed with HTTP " + status
                + " (error code " + code + "): " + message, status, code, url);
    }

    private byte[] toBytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a JSON request body", e);
        }
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > MAX_BODY_IN_MESSAGE ? text.substring(0, MAX_BODY_IN_MESSAGE) + "..." : text;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private record Failure(String url, IOException io, SchemaRegistryException error) {
    }
}

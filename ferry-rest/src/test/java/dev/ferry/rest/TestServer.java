package dev.ferry.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link RestServer} on a free port over a {@link FakeHerder}, with a small HTTP client
 * ({@code java.net.http}) to call it. Close it to stop the server.
 */
final class TestServer implements AutoCloseable {
    final FakeHerder herder;
    final RestServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(FakeHerder herder, Map<String, Object> workerConfig, LogLevels logLevels) {
        this(herder, RestSettings.fromWorkerConfig(workerConfig), logLevels);
    }

    TestServer(FakeHerder herder, RestSettings settings, LogLevels logLevels) {
        this.herder = herder;
        this.server = new RestServer(settings, herder, logLevels);
        server.start();
    }

    /** Starts {@code server}, already built (e.g. with metrics), over its own fake herder. */
    TestServer(RestServer server) {
        this.herder = null;
        this.server = server;
        server.start();
    }

    static Map<String, Object> localConfig() {
        return Map.of("listeners", "http://127.0.0.1:0");
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String body) {
        return send(server.advertisedUrl(), method, path, body, Map.of());
    }

    HttpResponse<String> send(URI base, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}

package dev.ferry.converters.avro;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.converters.TestRegistry;
import dev.ferry.testkit.KafkaBroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Ferry schema registry on the test broker ({@link TestRegistry}), and in front of it a pass-through HTTP
 * proxy that records each request, so tests can count what reaches the registry.
 */
final class AvroTestRegistry implements AutoCloseable {

    private final TestRegistry server;
    private final HttpServer proxy;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private AvroTestRegistry(TestRegistry server) throws IOException {
        this.server = server;
        this.proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                String pathAndQuery = exchange.getRequestURI().toString();
                requests.add(exchange.getRequestMethod() + " " + pathAndQuery);
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    forward.header("Content-Type", contentType);
                }
                HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                if (response.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(response.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
    }

    static AvroTestRegistry start(KafkaBroker broker) {
        try {
            return new AvroTestRegistry(TestRegistry.start(broker, "avro"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The registry's own URL. */
    String url() {
        return server.url();
    }

    /** The counting proxy's URL. */
    String proxyUrl() {
        return "http://127.0.0.1:" + proxy.getAddress().getPort();
    }

    /** The requests that went through the proxy so far, as "METHOD /path?query". */
    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        proxy.stop(0);
        server.close();
    }
}

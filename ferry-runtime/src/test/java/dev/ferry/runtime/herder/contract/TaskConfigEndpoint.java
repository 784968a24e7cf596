package dev.ferry.runtime.herder.contract;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.InternalRequestSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one REST route that workers of a cluster call on each other, {@code POST
 * /connectors/{c}/tasks}, served on a loopback port for a herder that has no REST server here
 * (ferry-rest sits above this module): a follower whose connector made task configurations sends
 * them to the leader through it, signed. Anything else is answered 404.
 */
final class TaskConfigEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private volatile Herder herder;

    private TaskConfigEndpoint(HttpServer server) {
        this.server = server;
    }

    static TaskConfigEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TaskConfigEndpoint endpoint = new TaskConfigEndpoint(server);
        server.createContext("/connectors/", endpoint::handle);
        server.start();
        return endpoint;
    }

    /** The worker id a herder behind this endpoint advertises: {@code host:port}. */
    String workerId() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + workerId() + "/";
    }

    void serve(Herder herder) {
        this.herder = herder;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Herder target = herder;
            if (!"POST".equals(exchange.getRequestMethod()) || path.length != 4 || !"tasks".equals(path[3])
                    || target == null) {
                answer(exchange, 404, "not served here");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<Map<String, String>> configs = JSON.readValue(body, new TypeReference<>() { });
            InternalRequestSignature signed = RequestSigner.fromHeaders(
                    exchange.getRequestHeaders().getFirst(RequestSigner.ALGORITHM_HEADER),
                    exchange.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER), body);
            try {
                target.putTaskConfigs(path[2], configs, signed).toCompletableFuture().get(30, TimeUnit.SECONDS);
                answer(exchange, 204, "");
            } catch (Exception e) {
                answer(exchange, 409, String.valueOf(e.getMessage()));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rest.request.*}: body and header size limits (answered as Connect JSON) and the slow-client
 * timeout (a 408 and a closed connection).
 */
class RequestLimitsApiTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer serve(Map<String, Object> limits) {
        Map<String, Object> config = new java.util.HashMap<>(TestServer.localConfig());
        config.putAll(limits);
        server = new TestServer(Fixtures.herder(), config, null);
        return server;
    }

    @Test
    void bodyOverTheLimit_413AsJson_andTheHerderNeverSeesIt() {
        serve(Map.of("rest.request.body.max.bytes", "1024"));
        String big = "{\"name\":\"big\",\"config\":{\"connector.class\":\"FileStreamSource\",\"x\":\"" + "a".repeat(2000) + "\"}}";

        HttpResponse<String> response = server.send("POST", "/connectors", big);
        HttpResponse<String> small = server.send("POST", "/connectors",
                "{\"name\":\"small\",\"config\":{\"connector.class\":\"FileStreamSource\"}}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"error_code\":413,\"message\":\"Request body too large: it has more "
                + "than 1024 bytes (rest.request.body.max.bytes). Send a smaller body, or raise rest.request.body.max.bytes "
                + "in the worker's config.\"}");
        assertThat(server.herder.configs).doesNotContainKey("big");
        assertThat(small.statusCode()).isEqualTo(201);
    }

    @Test
    void headersOverTheLimit_431AsJson() {
        serve(Map.of("rest.request.header.max.bytes", "1024"));

        HttpResponse<String> response = server.send(server.server.advertisedUrl(), "GET", "/connectors", null,
                Map.of("X-Padding", "p".repeat(2000)));
        HttpResponse<String> fine = server.send(server.server.advertisedUrl(), "GET", "/connectors", null,
                Map.of("X-Padding", "p".repeat(100)));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).isEqualTo("{\"error_code\":431,\"message\":\"Request header fields too large: "
                + "the request line and headers may have at most rest.request.header.max.bytes bytes.\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(fine.statusCode()).isEqualTo(200);
    }

    @Test
    void clientThatStopsSendingItsBody_isAnswered408AndDisconnectedAfterTheIdleTimeout() throws Exception {
        serve(Map.of("rest.request.idle.timeout.ms", "500"));
        URI url = server.server.advertisedUrl();

        long start = System.nanoTime();
        String answer;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /connectors HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).contains("Connection: close");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        assertThat(answer).endsWith("\r\n\r\n{\"error_code\":408,\"message\":\"Request timeout: the client sent "
                + "nothing for rest.request.idle.timeout.ms (500 ms) before its request was complete.\"}");
        assertThat(millis).isBetween(400L, 5_000L);
    }
}

package dev.ferry.runtime.cluster.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.SessionKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a JDK HTTP server on loopback that records what it received. */
class InterWorkerClientTest {
    private final AtomicReference<String> requestLine = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicReference<InternalRequestSignature> signature = new AtomicReference<>();
    private volatile int answerStatus = 204;
    private volatile String answerBody = "";
    private HttpServer leader;
    private InterWorkerClient client;

    @BeforeEach
    void start() throws IOException {
        leader = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        leader.createContext("/", exchange -> {
            requestLine.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "?"
                    + exchange.getRequestURI().getRawQuery());
            byte[] received = exchange.getRequestBody().readAllBytes();
            body.set(received);
            signature.set(RequestSigner.fromHeaders(
                    exchange.getRequestHeaders().getFirst(RequestSigner.ALGORITHM_HEADER),
                    exchange.getRequestHeaders().getFirst(RequestSigner.SIGNATURE_HEADER), received));
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        leader.start();
        client = new InterWorkerClient(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        leader.stop(0);
    }

    @Test
    void taskConfigs_arePostedAsASignedJsonArray_withForwardFalse() {
        SessionKey key = SessionKeys.generate("HmacSHA256", null, 1L);

        client.postTaskConfigs(leaderUrl(), "my source", List.of(Map.of("task.class", "T", "file", "/a")), key,
                "HmacSHA256");

        assertThat(requestLine.get()).isEqualTo("POST /connectors/my%20source/tasks?forward=false");
        assertThat(new String(body.get(), StandardCharsets.UTF_8))
                .startsWith("[{").contains("\"task.class\":\"T\"", "\"file\":\"/a\"").endsWith("}]");
        assertThatCode(() -> RequestSigner.verify(signature.get(), key, List.of("HmacSHA256")))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutAKey_theRequestIsUnsigned() {
        client.postTaskConfigs(leaderUrl(), "c", List.of(), null, "HmacSHA256");

        assertThat(signature.get()).isNull();
        assertThat(new String(body.get(), StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void refusal_namesTheLeaderTheStatusAndItsAnswer() {
        answerStatus = 409;
        answerBody = "{\"error_code\":409,\"message\":\"not the leader\"}";

        assertThatThrownBy(() -> client.postTaskConfigs(leaderUrl(), "c", List.of(), null, "HmacSHA256"))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(leaderUrl()).hasMessageContaining("409").hasMessageContaining("not the leader");
    }

    @Test
    void unreachableLeader_isAConnectExceptionNamingIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/";

        assertThatThrownBy(() -> client.postTaskConfigs(url, "c", List.of(), null, "HmacSHA256"))
                .isInstanceOf(ConnectException.class).hasMessageContaining(url);
    }

    private String leaderUrl() {
        return "http://127.0.0.1:" + leader.getAddress().getPort() + "/";
    }
}

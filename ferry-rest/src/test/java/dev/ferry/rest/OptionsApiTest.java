package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OPTIONS answered as Jersey answers it on Apache's worker (seen by the differential REST suite):
 * 200 with the path's methods in {@code Allow} and as a {@code text/plain} body, 404 for a path
 * no route takes.
 */
class OptionsApiTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void options_listsThePathsMethodsWithHeadAndOptions() {
        HttpResponse<String> response = server.send("OPTIONS", "/connectors", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(Arrays.asList(allow.split(","))).containsExactlyInAnyOrder("HEAD", "GET", "POST", "OPTIONS"));
        assertThat(Arrays.asList(response.body().split(", "))).containsExactlyInAnyOrder("HEAD", "GET", "POST", "OPTIONS");
    }

    @Test
    void options_onAPathWithParameters_listsItsRoutesMethods() {
        HttpResponse<String> response = server.send("OPTIONS", "/connectors/any/config", null);

        assertThat(Arrays.asList(response.headers().firstValue("Allow").orElseThrow().split(",")))
                .containsExactlyInAnyOrder("HEAD", "GET", "PUT", "PATCH", "OPTIONS");
    }

    @Test
    void options_onAnUnknownPath_is404() {
        HttpResponse<String> response = server.send("OPTIONS", "/no-such-path", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }
}

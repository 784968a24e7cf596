package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON resources take only JSON, as Apache's JAX-RS resources do (seen on a real Apache 4.3.1
 * worker by the differential REST suite): another Content-Type is 415 without a Content-Type on
 * the answer, a body without a Content-Type is 415 typed as JSON, and bodiless answers are untyped.
 */
class JsonContentTypeApiTest {
    private static final String CREATE = "{\"name\":\"plain\",\"config\":{\"connector.class\":\"FileStreamSource\"}}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.server.advertisedUrl().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    @Test
    void createWithATextPlainBody_answers415WithoutContentType_andCreatesNothing() throws Exception {
        HttpResponse<String> response = send("POST", "/connectors", "text/plain", CREATE);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).isEqualTo("{\"error_code\":415,\"message\":\"HTTP 415 Unsupported Media Type\"}");
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
        assertThat(server.get("/connectors").body()).doesNotContain("plain");
    }

    @Test
    void createWithABodyButNoContentType_answers415AsJson() throws Exception {
        HttpResponse<String> response = send("POST", "/connectors", null, CREATE);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void nonJsonContentType_is415EvenOnReadsAndBodilessWrites() throws Exception {
        assertThat(send("GET", "/connectors", "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(send("PUT", "/connectors/local-file-source/pause", "text/plain", null).statusCode()).isEqualTo(415);
        assertThat(send("PUT", "/admin/loggers/org", "text/plain", "{\"level\":\"INFO\"}").statusCode()).isEqualTo(415);
        assertThat(send("PUT", "/connector-plugins/FileStreamSource/config/validate", "text/xml", "{}").statusCode())
                .isEqualTo(415);
    }

    @Test
    void jsonWithACharsetOrAWildcard_isAccepted() throws Exception {
        assertThat(send("GET", "/connectors", "application/json; charset=UTF-8", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/connectors", "*/*", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/", "text/plain", null).statusCode()).as("the root resource takes any type").isEqualTo(200);
    }

    @Test
    void answersWithoutABody_carryNoContentType() throws Exception {
        HttpResponse<String> response = send("PUT", "/connectors/local-file-source/pause", null, null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();
    }
}

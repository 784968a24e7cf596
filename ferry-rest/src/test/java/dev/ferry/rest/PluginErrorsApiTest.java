package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.herder.Herder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Errors from plugin code (a {@code NoClassDefFoundError}, a failed static initialiser, any {@link Error}) reach the
 * REST layer through the herder, or are thrown on the request thread itself; either way the answer is Apache's
 * {@code {"error_code":500,"message":...}} naming the missing class. (Regression: Javalin hands Errors to no
 * exception mapper, and such a request got an empty 500.)
 */
class PluginErrorsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static RestServer server;

    @BeforeAll
    static void start() {
        FakeHerder fake = Fixtures.herder();
        Herder failing = (Herder) Proxy.newProxyInstance(Herder.class.getClassLoader(), new Class<?>[]{Herder.class},
                (proxy, method, args) -> switch (method.getName()) {
                    // through the herder: a stage completed with the Error, as the herder's threads complete it
                    case "validateConnectorConfig" -> CompletableFuture.failedFuture(
                            new NoClassDefFoundError("com/example/lib/Helper"));
                    case "putConnectorConfig" -> CompletableFuture.supplyAsync(() -> {
                        throw new ExceptionInInitializerError(new IllegalStateException("no licence key found"));
                    });
                    // on the request thread
                    case "pluginConfig" -> throw new NoClassDefFoundError("com/example/lib/Helper");
                    case "connectorStatus" -> throw new AssertionError("a plugin's assertion");
                    default -> {
                        try {
                            yield method.invoke(fake, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
        server = new RestServer(RestSettings.fromWorkerConfig(TestServer.localConfig()), failing, null);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void validate_whenThePluginLacksAClass_answers500JsonNamingTheClass() throws Exception {
        HttpResponse<String> response = send("PUT", "/connector-plugins/FileStreamSource/config/validate",
                "{\"connector.class\":\"FileStreamSource\"}");

        assertErrorJson(response, 500).contains("com.example.lib.Helper").contains("Add the jar that holds com.example.lib.Helper");
    }

    @Test
    void create_whenAStaticInitializerFails_answers500JsonWithTheInitializersException() throws Exception {
        HttpResponse<String> response = send("POST", "/connectors",
                "{\"name\":\"broken\",\"config\":{\"connector.class\":\"FileStreamSource\"}}");

        assertErrorJson(response, 500).contains("static initializer").contains("no licence key found");
    }

    @Test
    void anErrorThrownOnTheRequestThread_answers500Json_notAnEmptyBody() throws Exception {
        HttpResponse<String> pluginConfig = send("GET", "/connector-plugins/FileStreamSource/config", null);
        HttpResponse<String> status = send("GET", "/connectors/local-file-source/status", null);

        assertErrorJson(pluginConfig, 500).contains("com.example.lib.Helper");
        assertErrorJson(status, 500).contains("java.lang.AssertionError: a plugin's assertion");
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.advertisedUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertErrorJson(HttpResponse<String> response,
                                                                               int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error_code", "message");
        assertThat(body.get("error_code").asInt()).isEqualTo(status);
        return assertThat(body.get("message").asText());
    }
}

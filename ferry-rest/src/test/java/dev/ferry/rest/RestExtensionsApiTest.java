package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.rest.extensions.ExtensionProbe;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rest.extension.classes} on a real {@link RestServer}: two test extensions found on the
 * class path as plugins (META-INF/services), one guarding the API with JAX-RS request and response
 * filters, one serving a resource of its own from {@code clusterState()}.
 */
class RestExtensionsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKEN = Map.of("X-Token", "secret");
    private static final List<String> BOTH = List.of("dev.ferry.rest.extensions.GuardExtension",
            "dev.ferry.rest.extensions.HealthResourceExtension");

    private static Plugins plugins;
    private static FakeHerder herder;
    private static RestServer server;

    @BeforeAll
    static void start() {
        plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.SERVICE_LOAD);
        herder = Fixtures.herder();
        server = startServer(herder, BOTH);
    }

    @AfterAll
    static void stop() {
        server.stop();
        plugins.close();
    }

    private static RestServer startServer(FakeHerder herder, List<String> extensions) {
        Map<String, Object> config = new LinkedHashMap<>(TestServer.localConfig());
        config.put("guard.realm", "tests");
        RestServer rest = new RestServer(RestSettings.fromWorkerConfig(config), herder)
                .withExtensions(extensions, plugins, config);
        rest.start();
        return rest;
    }

    @Test
    void aRequestWithoutCredentials_isAnsweredByTheExtensionsFilter_andNeverReachesTheHerder() {
        int writes = herder.writeCalls.get();

        HttpResponse<String> response = send("POST", "/connectors",
                "{\"name\":\"sneaky\",\"config\":{\"connector.class\":\"FileStreamSource\"}}", Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("no token");
        // Apache's resources all produce JSON, so Jersey gives an untyped abort entity that type
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(herder.writeCalls.get()).isEqualTo(writes);
        assertThat(herder.configs).doesNotContainKey("sneaky");
        // response filters also see aborted requests
        assertThat(response.headers().firstValue("X-Seen-Status")).hasValue("401");
        assertThat(response.headers().firstValue("X-Principal")).hasValue("none");
    }

    @Test
    void aRequestWithCredentials_reachesFerrysRoute_andResponseFiltersSeeItsAnswerAndTheFiltersSecurityContext() {
        HttpResponse<String> response = send("GET", "/connectors", null, TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[\"failing-sink\",\"local-file-source\"]");
        assertThat(response.headers().firstValue("X-Principal")).hasValue("alice");
        assertThat(response.headers().firstValue("X-Seen-Status")).hasValue("200");
        assertThat(response.headers().firstValue("X-Seen-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void responseFilters_alsoSeeTheErrorsOfFerrysEndpoints() {
        HttpResponse<String> response = send("GET", "/connectors/nope/status", null, TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error_code").asInt()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Seen-Status")).hasValue("404");
        assertThat(response.headers().firstValue("X-Principal")).hasValue("alice");
    }

    @Test
    void requestFilters_runByAscendingPriority_andASecondComponentOfAClassIsIgnored_asByJersey() {
        HttpResponse<String> response = send("GET", "/", null, TOKEN);

        assertThat(response.headers().allValues("X-Order")).containsExactly("first,second,token");
    }

    @Test
    void filtersSeeThePathRelativeToTheRoot_decoded_asJerseyGivesIt() {
        send("GET", "/connectors/local%2Dfile-source/status", null, TOKEN);

        assertThat(ExtensionProbe.lastPath()).isEqualTo("connectors/local-file-source/status");
    }

    @Test
    void aPathNoRouteMatches_is404_withoutRunningPostMatchingFilters_asOnApache() {
        int guarded = ExtensionProbe.guardedRequests();

        HttpResponse<String> response = send("GET", "/no-such-endpoint", null, Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error_code").asInt()).isEqualTo(404);
        assertThat(ExtensionProbe.guardedRequests()).isEqualTo(guarded);
    }

    @Test
    void aPreMatchingFilter_runsBeforeRouting_evenForPathsFerryDoesNotServe() {
        HttpResponse<String> response = send("GET", "/blocked/anything", null, Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"blocked\":true}");
    }

    @Test
    void optionsRequests_passThroughTheFilters_asJerseyMatchesThemToEveryResource() {
        HttpResponse<String> refused = send("OPTIONS", "/connectors", null, Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("no token");
        // Jersey's generated OPTIONS method produces text, so that is the untyped entity's type on Apache
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));

        HttpResponse<String> allowed = send("OPTIONS", "/connectors", null, TOKEN);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("X-Principal")).hasValue("alice");
    }

    @Test
    void aJaxRsExceptionThrownByAFilter_isAnsweredAsConnectsErrorJson() {
        Map<String, String> headers = new LinkedHashMap<>(TOKEN);
        headers.put("X-Forbid", "yes");

        HttpResponse<String> response = send("GET", "/connectors", null, headers);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"error_code\":403,\"message\":\"Forbidden by the test extension\"}");
    }

    @Test
    void theExtensionIsConfiguredWithTheWorkerConfigsOriginalValues() {
        assertThat(ExtensionProbe.configured()).containsEntry("guard.realm", "tests")
                .containsEntry("listeners", "http://127.0.0.1:0");
    }

    @Test
    void aResourceOfAnExtension_isServed_andAnswersFromClusterState() {
        JsonNode cluster = json(send("GET", "/extension-health", null, TOKEN));
        assertThat(cluster.toString()).isEqualTo(
                "{\"connectors\":[\"failing-sink\",\"local-file-source\"],\"kafkaClusterId\":\"qSdzqKvnQvS0WYG7c0V0Cg\"}");

        HttpResponse<String> one = send("GET", "/extension-health/failing-sink", null, TOKEN);
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode sink = json(one);
        assertThat(sink.path("state").asText()).isEqualTo("RUNNING");
        assertThat(sink.path("worker").asText()).isEqualTo(FakeHerder.WORKER);
        assertThat(sink.path("type").asText()).isEqualTo("SINK");
        assertThat(sink.path("tasks").toString()).isEqualTo("{\"0\":\"FAILED\",\"1\":\"RUNNING\"}");
        assertThat(sink.path("config").path("connector.class").asText())
                .isEqualTo("org.apache.kafka.connect.file.FileStreamSinkConnector");
    }

    @Test
    void anExtensionsResource_isGuardedByTheFilters_whichRunOnceForIt() {
        HttpResponse<String> refused = send("GET", "/extension-health", null, Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("no token");

        HttpResponse<String> served = send("GET", "/extension-health", null, TOKEN);
        assertThat(served.headers().allValues("X-Order")).containsExactly("first,second,token");
        assertThat(served.headers().firstValue("X-Principal")).hasValue("alice");
    }

    @Test
    void anUnknownConnectorInAResource_isConnects404() {
        HttpResponse<String> response = send("GET", "/extension-health/nope", null, TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error_code").asInt()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).contains("nope");
    }

    @Test
    void aNameBoundFilter_runsOnlyOnTheResourceMethodsBearingItsBinding() {
        int before = ExtensionProbe.nameBoundRuns();
        assertThat(send("GET", "/connectors", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/extension-health", null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(ExtensionProbe.nameBoundRuns()).isEqualTo(before);

        HttpResponse<String> withoutKey = send("GET", "/extension-health/x/secret", null, TOKEN);
        assertThat(withoutKey.statusCode()).isEqualTo(401);
        assertThat(withoutKey.body()).isEqualTo("key required");
        Map<String, String> withKey = new LinkedHashMap<>(TOKEN);
        withKey.put("X-Key", "k");
        assertThat(send("GET", "/extension-health/x/secret", null, withKey).body()).isEqualTo("\"secret of x\"");
    }

    @Test
    void stoppingTheServer_closesItsExtensions() {
        RestServer another = startServer(Fixtures.herder(), List.of("dev.ferry.rest.extensions.GuardExtension"));
        int closed = ExtensionProbe.closed();

        another.stop();

        assertThat(ExtensionProbe.closed()).isEqualTo(closed + 1);
    }

    @Test
    void anExtensionClassThatIsNoInstalledPlugin_failsTheStart_namingIt() {
        assertThatThrownBy(() -> startServer(Fixtures.herder(), List.of("com.example.NoSuchExtension")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("com.example.NoSuchExtension");
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        URI uri = server.advertisedUrl().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}

package dev.ferry.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Headers, fail-over, retries and error mapping of the registry client, against a scripted HTTP server. */
class RegistryHttpMechanicsTest {

    private static final String STRING_SCHEMA = "{\"schema\":\"\\\"string\\\"\"}";

    private final ScriptedHttpServer server = ScriptedHttpServer.http();

    @AfterEach
    void stop() {
        server.close();
    }

    private SchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", server.url("http"));
        configs.put("retries.wait.ms", 1);
        configs.putAll(extra);
        return SchemaRegistryClients.create(configs);
    }

    @Test
    void userInfoInTheUrlIsSentAsBasicAuthAndKeptOutOfTheRequestUrl() {
        server.then(200, STRING_SCHEMA);
        try (SchemaRegistryClient client = client(Map.of("schema.registry.url",
                "http://alice:s%3Acret@127.0.0.1:" + server.port() + "/"))) {
            client.schemaById(1);
        }
        ScriptedHttpServer.Request request = server.requests().get(0);
        assertThat(request.uri()).isEqualTo("/schemas/ids/1");
        assertThat(request.header("Authorization")).isEqualTo(basic("alice:s:cret"));
        assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void userInfoSourceSendsTheConfiguredCredentials() {
        server.then(200, STRING_SCHEMA).then(200, STRING_SCHEMA);
        try (SchemaRegistryClient client = client(Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", new Password("bob:pw")))) {
            client.schemaById(1);
        }
        try (SchemaRegistryClient client = client(Map.of("basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "carol:pw2"))) {
            client.schemaById(2);
        }
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo(basic("bob:pw"));
        assertThat(server.requests().get(1).header("Authorization")).isEqualTo(basic("carol:pw2"));
    }

    @Test
    void saslInheritTakesTheCredentialsOfTheJaasConfig() {
        server.then(200, STRING_SCHEMA);
        try (SchemaRegistryClient client = client(Map.of("basic.auth.credentials.source", "SASL_INHERIT",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"dave\" password=\"pw3\";"))) {
            client.schemaById(1);
        }
        assertThat(server.requests().get(0).header("Authorization")).isEqualTo(basic("dave:pw3"));
    }

    @Test
    void aStaticBearerTokenAndCustomHeadersAreSent() {
        server.then(200, STRING_SCHEMA);
        try (SchemaRegistryClient client = client(Map.of("bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "tok-123", "bearer.auth.logical.cluster", "lsrc-1",
                "request.header.X-Tenant", "acme"))) {
            client.schemaById(1);
        }
        ScriptedHttpServer.Request request = server.requests().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(request.header("target-sr-cluster")).isEqualTo("lsrc-1");
        assertThat(request.header("X-Tenant")).isEqualTo("acme");
    }

    @Test
    void basicAndBearerTogetherAreRefused() {
        assertThatThrownBy(() -> client(Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "a:b", "bearer.auth.credentials.source", "STATIC_TOKEN",
                "bearer.auth.token", "t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Only one of 'basic.auth.credentials.source' and 'bearer.auth.credentials.source'");
    }

    @Test
    void aMissingUrlIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void confluentErrorBodiesBecomeSchemaRegistryExceptions() {
        server.then(404, "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}");
        try (SchemaRegistryClient client = client(Map.of())) {
            assertThatThrownBy(() -> client.schemaById(7))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e).isNotInstanceOf(RegistryUnreachableException.class);
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40403);
                        assertThat(e.url()).isEqualTo(server.url("http") + "/schemas/ids/7");
                        assertThat(e.notFound()).isTrue();
                    })
                    .hasMessageContaining("HTTP 404 (error code 40403): Schema 7 not found")
                    .hasMessageContaining("/schemas/ids/7");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aBodyThatIsNotJsonIsQuotedInTheError() {
        server.then(401, "<html>Unauthorized</html>");
        try (SchemaRegistryClient client = client(Map.of())) {
            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(401))
                    .hasMessageContaining("<html>Unauthorized</html>");
        }
    }

    @Test
    void unavailableAnswersAreRetriedUpToMaxRetries() {
        server.then(503, "{\"error_code\":50003,\"message\":\"busy\"}").then(503, "").then(200, STRING_SCHEMA);
        try (SchemaRegistryClient client = client(Map.of("max.retries", 2))) {
            assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
        }
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void retriesStopAtMaxRetriesAndTheRegistryCountsAsUnreachable() {
        server.always(r -> new ScriptedHttpServer.Answer(503, "{\"error_code\":50003,\"message\":\"busy\"}"));
        try (SchemaRegistryClient client = client(Map.of("max.retries", 2))) {
            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(RegistryUnreachableException.class)
                    .hasMessageContaining("HTTP 503");
        }
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aUrlThatRefusesConnectionsIsSkippedForTheNextAndRemembered() {
        String dead = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        server.always(r -> new ScriptedHttpServer.Answer(200, STRING_SCHEMA));
        try (SchemaRegistryClient client = client(Map.of("schema.registry.url", dead + "," + server.url("http"),
                "max.retries", 0))) {
            client.schemaById(1);
            client.schemaById(2);
        }
        assertThat(server.requests()).extracting(ScriptedHttpServer.Request::uri)
                .containsExactly("/schemas/ids/1", "/schemas/ids/2");
    }

    @Test
    void anUnreachableRegistryNamesEveryUrlTriedAndTheCause() {
        String first = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        String second = "http://127.0.0.1:" + ScriptedHttpServer.closedPort();
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url",
                first + ", " + second, "max.retries", "1", "retries.wait.ms", "1"))) {
            assertThatThrownBy(() -> client.latest("orders-value"))
                    .isInstanceOfSatisfying(RegistryUnreachableException.class, e -> {
                        assertThat(e.urlsTried()).containsExactly(first + "/subjects/orders-value/versions/latest",
                                second + "/subjects/orders-value/versions/latest");
                        assertThat(e).hasCauseInstanceOf(ConnectException.class);
                    })
                    .hasMessageContaining(first).hasMessageContaining(second)
                    .hasMessageContaining("ConnectException")
                    .hasMessageContaining("with 1 retries each");
        }
    }

    @Test
    void aRegistrySlowerThanTheReadTimeoutCountsAsUnreachable() {
        server.always(r -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ScriptedHttpServer.Answer(200, STRING_SCHEMA);
        });
        try (SchemaRegistryClient client = client(Map.of("http.read.timeout.ms", 200, "max.retries", 0))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(RegistryUnreachableException.class)
                    .hasMessageContaining("timed out");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(900);
        }
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        server.always(r -> new ScriptedHttpServer.Answer(200, STRING_SCHEMA));
        try (SchemaRegistryClient client = client(Map.of("schema.registry.url", "http://registry.invalid:8081",
                "proxy.host", "127.0.0.1", "proxy.port", server.port()))) {
            client.schemaById(3);
        }
        assertThat(server.requests().get(0).uri()).isEqualTo("http://registry.invalid:8081/schemas/ids/3");
    }

    @Test
    void subjectsAreEncodedInThePath() {
        server.always(r -> new ScriptedHttpServer.Answer(200,
                "{\"subject\":\"a b/c\",\"version\":1,\"id\":5,\"schema\":\"\\\"int\\\"\"}"));
        try (SchemaRegistryClient client = client(Map.of())) {
            assertThat(client.version("a b/c", 1).id()).isEqualTo(5);
        }
        assertThat(server.requests().get(0).uri()).isEqualTo("/subjects/a%20b%2Fc/versions/1");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}

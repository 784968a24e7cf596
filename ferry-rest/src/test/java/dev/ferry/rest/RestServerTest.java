package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Listeners, the advertised URL, admin listeners, CORS and configured response headers. */
class RestServerTest {
    private static final LogLevels LEVELS = new LogLevels(new LoggerContext(), Clock.systemUTC());

    private static TestServer serve(Map<String, Object> config) {
        return new TestServer(Fixtures.herder(), config, LEVELS);
    }

    @Test
    void portZero_advertisesTheActualPort() {
        try (TestServer server = serve(TestServer.localConfig())) {
            URI url = server.server.advertisedUrl();

            assertThat(url.getScheme()).isEqualTo("http");
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getPort()).isPositive();
            assertThat(url.getPath()).isEqualTo("/");
            assertThat(server.get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void advertisedHostAndPort_overrideTheListener() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0",
                "rest.advertised.host.name", "worker-1.example.com", "rest.advertised.port", "18083"))) {
            assertThat(server.server.advertisedUrl()).isEqualTo(URI.create("http://worker-1.example.com:18083/"));
        }
    }

    @Test
    void allInterfacesListener_advertisesThisMachinesAddress() {
        try (TestServer server = serve(Map.of("listeners", "http://:0"))) {
            assertThat(server.server.advertisedUrl().getHost()).isNotBlank();
            assertThat(server.server.advertisedUrl().getPort()).isPositive();
        }
    }

    @Test
    void adminOnMainListenerByDefault() {
        try (TestServer server = serve(TestServer.localConfig())) {
            assertThat(server.server.adminUrl()).isEqualTo(server.server.advertisedUrl());
            assertThat(server.get("/admin/loggers").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void emptyAdminListeners_disableTheAdminEndpoints() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0", "admin.listeners", ""))) {
            assertThat(server.server.adminUrl()).isNull();
            assertThat(server.get("/admin/loggers").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void separateAdminListener_servesOnlyAdminEndpoints_andMainServesNone() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0",
                "admin.listeners", "http://127.0.0.1:0"))) {
            URI admin = server.server.adminUrl();
            URI main = server.server.advertisedUrl();

            assertThat(admin.getPort()).isNotEqualTo(main.getPort());
            assertThat(server.send(admin, "GET", "/admin/loggers", null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(server.send(admin, "GET", "/connectors", null, Map.of()).statusCode()).isEqualTo(404);
            assertThat(server.send(main, "GET", "/admin/loggers", null, Map.of()).statusCode()).isEqualTo(404);
            assertThat(server.send(main, "GET", "/connectors", null, Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void busyPort_failsToStartNamingTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            RestServer server = new RestServer(RestSettings.fromWorkerConfig(
                    Map.of("listeners", "http://127.0.0.1:" + taken.getLocalPort())), Fixtures.herder(), LEVELS);

            assertThatThrownBy(server::start).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("http://127.0.0.1:" + taken.getLocalPort())
                    .hasMessageEndingWith(" Check that the ports are free or change 'listeners'.")
                    .hasMessageNotContaining("..");
        }
    }

    @Test
    void httpsListener_withoutAKeystore_isRefusedNamingTheSettingToAdd() {
        RestServer server = new RestServer(RestSettings.fromWorkerConfig(Map.of("listeners", "https://127.0.0.1:0")),
                Fixtures.herder(), LEVELS);

        assertThatThrownBy(server::start).isInstanceOf(ConnectException.class)
                .hasMessageContaining("listeners.https.ssl.keystore.location");
    }

    @Test
    void httpsListener_servesTheApiOverTls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keystore = dir.resolve("worker.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "worker", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        RestServer server = new RestServer(RestSettings.fromWorkerConfig(Map.of(
                "listeners", "https://127.0.0.1:0",
                "listeners.https.ssl.keystore.type", "PKCS12",
                "listeners.https.ssl.keystore.location", keystore.toString(),
                "listeners.https.ssl.keystore.password", "changeit",
                "listeners.https.ssl.key.password", "changeit")), Fixtures.herder(), LEVELS);
        server.start();
        try {
            URI base = server.advertisedUrl();
            assertThat(base.getScheme()).isEqualTo("https");
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            try (var in = java.nio.file.Files.newInputStream(keystore)) {
                store.load(in, "changeit".toCharArray());
            }
            java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("worker", store.getCertificate("worker"));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
            HttpResponse<String> root = client.send(java.net.http.HttpRequest.newBuilder(base).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("\"version\"");
        } finally {
            server.stop();
        }
    }

    @Test
    void cors_answersPreflightAndAddsAllowOrigin() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0",
                "access.control.allow.origin", "http://ui.example.com",
                "access.control.allow.methods", "GET,PUT,DELETE"))) {
            URI base = server.server.advertisedUrl();
            HttpResponse<String> preflight = server.send(base, "OPTIONS", "/connectors", null, Map.of(
                    "Origin", "http://ui.example.com", "Access-Control-Request-Method", "DELETE"));
            HttpResponse<String> get = server.send(base, "GET", "/connectors", null,
                    Map.of("Origin", "http://ui.example.com"));
            HttpResponse<String> otherOrigin = server.send(base, "GET", "/connectors", null,
                    Map.of("Origin", "http://evil.example.com"));

            assertThat(preflight.statusCode()).isBetween(200, 204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example.com");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains("DELETE"));
            assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example.com");
            assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void corsWildcard_allowsAnyOrigin() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0", "access.control.allow.origin", "*"))) {
            HttpResponse<String> get = server.send(server.server.advertisedUrl(), "GET", "/", null,
                    Map.of("Origin", "http://anything.example.com"));

            assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        }
    }

    @Test
    void responseHeaderRules_applyToEveryResponseIncludingErrors() {
        try (TestServer server = serve(Map.of("listeners", "http://127.0.0.1:0", "response.http.headers.config",
                "set X-Frame-Options:DENY, add Cache-Control: no-cache, \"add Cache-Control: no-store, private\", "
                        + "setDate Expires:3600000"))) {
            for (HttpResponse<String> response : new HttpResponse[] {server.get("/"), server.get("/nowhere")}) {
                assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(response.headers().allValues("Cache-Control"))
                        .containsExactly("no-cache", "no-store, private");
                assertThat(response.headers().firstValue("Expires")).isPresent();
            }
        }
    }

    @Test
    void publicConstructor_managesTheLogbackContextSlf4jIsBoundTo() {
        RestServer server = new RestServer(RestSettings.fromWorkerConfig(TestServer.localConfig()), Fixtures.herder());
        server.start();
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.advertisedUrl().resolve("/admin/loggers/root")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"level\":\"INFO\"");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            server.stop();
        }
    }

    @Test
    void everyResponseIsJson() {
        try (TestServer server = serve(TestServer.localConfig())) {
            assertThat(server.get("/connectors").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.rest.security.PasswordHashes;
import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.cluster.requests.SessionKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ferry's built-in authentication ({@code rest.authentication.*}) on the real server: credentials, roles, public and internal paths. */
class AuthenticationApiTest {
    private static final String ADMIN_PASSWORD = "s3cret-admin-Pa55";
    private static final String READER_PASSWORD = "reader-Pa55word";
    private static final String TOKEN = "tok-4f1c9a0b7e2d4c6a8b1f3e5d7c9a0b2e";
    // The minimum iteration count keeps the test fast; production hashes use many more.
    private static final String ADMIN_HASH = PasswordHashes.hash(ADMIN_PASSWORD.toCharArray(), 10_000);
    private static final String READER_HASH = PasswordHashes.hash(READER_PASSWORD.toCharArray(), 10_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer serve(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(TestServer.localConfig());
        config.put("rest.authentication.users", "alice:admin:" + ADMIN_HASH + ",bob:read-only:" + READER_HASH);
        config.putAll(extra);
        server = new TestServer(Fixtures.herder(), config, null);
        return server;
    }

    private HttpResponse<String> call(String method, String path, String authorization) {
        return call(method, path, authorization, Map.of());
    }

    private HttpResponse<String> call(String method, String path, String authorization, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        if (authorization != null) {
            all.put("Authorization", authorization);
        }
        return server.send(server.server.advertisedUrl(), method, path,
                method.equals("GET") || method.equals("DELETE") ? null : "{}", all);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void withoutCredentials_401WithBothChallengesAsConnectJson() throws Exception {
        serve(Map.of());

        HttpResponse<String> response = call("GET", "/connectors", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactlyInAnyOrder("Basic realm=\"ferry\", charset=\"UTF-8\"", "Bearer realm=\"ferry\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(response).get("error_code").asInt()).isEqualTo(401);
        assertThat(json(response).get("message").asText()).startsWith("Authentication required");
    }

    @Test
    void aPagesScriptWithoutCredentials_getsNoBasicChallenge_soTheBrowserShowsNoPromptOverTheConsolesDialog() {
        serve(Map.of());

        HttpResponse<String> script = call("GET", "/connectors", null, Map.of("X-Requested-With", "XMLHttpRequest"));
        HttpResponse<String> signedIn = call("GET", "/connectors", basic("bob", READER_PASSWORD),
                Map.of("X-Requested-With", "XMLHttpRequest"));

        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"ferry\"");
        assertThat(signedIn.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordOrUnknownUser_sameAnswer_neverEchoingTheSecret() throws Exception {
        serve(Map.of());

        HttpResponse<String> wrong = call("GET", "/connectors", basic("alice", "guess-" + ADMIN_PASSWORD));
        HttpResponse<String> unknown = call("GET", "/connectors", basic("mallory", ADMIN_PASSWORD));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).doesNotContain(ADMIN_PASSWORD);
        assertThat(json(wrong).get("message").asText()).isEqualTo("Invalid credentials: unknown user, wrong password or unknown token.");
    }

    @Test
    void readOnlyRole_readsButMayNotWrite() throws Exception {
        serve(Map.of());

        HttpResponse<String> read = call("GET", "/connectors", basic("bob", READER_PASSWORD));
        HttpResponse<String> head = call("HEAD", "/connectors", basic("bob", READER_PASSWORD));
        HttpResponse<String> create = call("POST", "/connectors", basic("bob", READER_PASSWORD));
        HttpResponse<String> delete = call("DELETE", "/connectors/" + Fixtures.SOURCE, basic("bob", READER_PASSWORD));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(json(create).get("error_code").asInt()).isEqualTo(403);
        assertThat(json(create).get("message").asText())
                .isEqualTo("'bob' has the read-only role, which may only read (GET, HEAD); POST needs the admin role.");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(call("GET", "/connectors/" + Fixtures.SOURCE, basic("bob", READER_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void adminRole_writes_andTheRequestLogNamesWhoDidIt() {
        serve(Map.of());
        ch.qos.logback.classic.Logger requestLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RequestLog.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        requestLog.addAppender(lines);

        HttpResponse<String> delete;
        try {
            delete = call("DELETE", "/connectors/" + Fixtures.SOURCE, basic("alice", ADMIN_PASSWORD));
        } finally {
            requestLog.detachAppender(lines);
        }

        assertThat(lines.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                .contains(" alice \"DELETE /connectors/" + Fixtures.SOURCE + " ").doesNotContain(ADMIN_PASSWORD));
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(call("GET", "/connectors/" + Fixtures.SOURCE, basic("alice", ADMIN_PASSWORD)).statusCode()).isEqualTo(404);
    }

    @Test
    void bearerToken_fromTheConfig_andItsRole() {
        serve(Map.of("rest.authentication.tokens", "ci:read-only:" + TOKEN));

        assertThat(call("GET", "/connectors", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/connectors/" + Fixtures.SOURCE, "Bearer " + TOKEN).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/connectors", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    }

    @Test
    void tokensFromAConfigProvider_resolvedByTheWorkerConfig() throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "rest.tokens=deploy:admin:" + TOKEN + "\n");
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("listeners", "http://127.0.0.1:0");
        props.put("key.converter", "dev.ferry.runtime.converters.ByteArrayConverter");
        props.put("value.converter", "dev.ferry.runtime.converters.ByteArrayConverter");
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("rest.authentication.tokens", "${file:" + secrets + ":rest.tokens}");
        RestSettings settings = RestSettings.fromWorkerConfig(new dev.ferry.runtime.config.StandaloneConfig(props));
        server = new TestServer(Fixtures.herder(), settings, null);

        assertThat(call("GET", "/connectors", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/connectors", null).statusCode()).isEqualTo(401);
        assertThat(settings.authentication().toString()).doesNotContain(TOKEN);
    }

    @Test
    void usersAndTokensFiles_areReloadedWhenTheyChange() throws Exception {
        Path users = dir.resolve("users");
        Path tokens = dir.resolve("tokens");
        Files.writeString(users, "# name:role:hash\ncarol:admin:" + ADMIN_HASH + "\n");
        Files.writeString(tokens, "old:admin:" + TOKEN + "\n");
        server = new TestServer(Fixtures.herder(), Map.of("listeners", "http://127.0.0.1:0",
                "rest.authentication.users.file", users.toString(), "rest.authentication.tokens.file", tokens.toString()), null);
        assertThat(call("GET", "/connectors", basic("carol", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/connectors", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        String newToken = TOKEN.replace('4', '5');
        Files.writeString(tokens, "new:read-only:sha256:" + sha256(newToken) + "\n");
        Files.writeString(users, "carol:read-only:" + READER_HASH + "\n");
        Thread.sleep(1_100); // files are checked at most once a second

        assertThat(call("GET", "/connectors", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/connectors", "Bearer " + newToken).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/connectors", basic("carol", ADMIN_PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/connectors/x", basic("carol", READER_PASSWORD)).statusCode()).isEqualTo(403);

        Files.writeString(tokens, "broken line without a role\n");
        Thread.sleep(1_100);
        assertThat(call("GET", "/connectors", "Bearer " + newToken).statusCode())
                .as("an invalid file keeps the previous credentials").isEqualTo(200);
    }

    @Test
    void internalEndpoints_onlyForSignedWorkerRequests_neverForUserCredentialsAlone() {
        serve(Map.of());
        server.herder.acceptsTaskConfigs = true;
        String tasks = "[{\"task.class\":\"T\"}]";
        Map<String, String> signature = RequestSigner.headers(tasks.getBytes(StandardCharsets.UTF_8),
                SessionKeys.generate("HmacSHA256", null, 1L), "HmacSHA256");

        HttpResponse<String> asAdmin = server.send(server.server.advertisedUrl(), "POST",
                "/connectors/" + Fixtures.SOURCE + "/tasks", tasks, Map.of("Authorization", basic("alice", ADMIN_PASSWORD)));
        HttpResponse<String> fenceAsAdmin = call("PUT", "/connectors/" + Fixtures.SOURCE + "/fence", basic("alice", ADMIN_PASSWORD));
        HttpResponse<String> signed = server.send(server.server.advertisedUrl(), "POST",
                "/connectors/" + Fixtures.SOURCE + "/tasks", tasks, signature);

        assertThat(asAdmin.statusCode()).isEqualTo(403);
        assertThat(asAdmin.body()).contains("only takes requests signed by the workers of this cluster");
        assertThat(fenceAsAdmin.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).as("the herder verifies the signature itself").isEqualTo(204);
        assertThat(server.herder.receivedTaskConfigs).hasSize(1);
    }

    @Test
    void consoleFilesAndHealthProbes_arePublic_theRootIsNot() {
        serve(Map.of());

        assertThat(call("GET", "/ui/", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/health/live", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/health/live", null).statusCode()).isEqualTo(401);
    }

    @Test
    void corsPreflight_isAnsweredBeforeAuthentication_butTheRequestItselfNeedsCredentials() {
        serve(Map.of("access.control.allow.origin", "https://ui.example.com", "access.control.allow.methods", "GET,DELETE"));

        HttpResponse<String> preflight = call("OPTIONS", "/connectors", null, Map.of("Origin", "https://ui.example.com",
                "Access-Control-Request-Method", "DELETE"));
        HttpResponse<String> anonymous = call("GET", "/connectors", null, Map.of("Origin", "https://ui.example.com"));
        HttpResponse<String> signedIn = call("GET", "/connectors", basic("bob", READER_PASSWORD),
                Map.of("Origin", "https://ui.example.com"));

        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ui.example.com");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ui.example.com");
    }

    @Test
    void adminEndpoints_needTheAdminRoleToo_alsoOnASeparateAdminListener() {
        serve(Map.of("admin.listeners", "http://127.0.0.1:0"));
        java.net.URI admin = server.server.adminUrl();

        HttpResponse<String> anonymous = server.send(admin, "PUT", "/admin/loggers/dev.ferry", "{\"level\":\"DEBUG\"}", Map.of());
        HttpResponse<String> reader = server.send(admin, "PUT", "/admin/loggers/dev.ferry", "{\"level\":\"DEBUG\"}",
                Map.of("Authorization", basic("bob", READER_PASSWORD)));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(reader.statusCode()).isEqualTo(403);
    }

    @Test
    void plainTextPassword_refusedAtStart_withoutEchoingIt() {
        Map<String, Object> config = Map.of("listeners", "http://127.0.0.1:0",
                "rest.authentication.users", "alice:admin:" + ADMIN_PASSWORD);
        RestServer rest = new RestServer(RestSettings.fromWorkerConfig(config), Fixtures.herder());

        assertThatThrownBy(rest::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rest.authentication.users entry 1 (user 'alice')")
                .hasMessageContaining("pbkdf2-sha256$")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ADMIN_PASSWORD));
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

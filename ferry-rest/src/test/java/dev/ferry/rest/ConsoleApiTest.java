package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console at {@code /ui/}: the page and its versioned, immutable assets, gzip, ETags and
 * 304s, the redirect from {@code /ui}, Apache's root JSON left alone, and the files served without
 * the REST credentials an extension demands of the API.
 */
class ConsoleApiTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern APP_SCRIPT = Pattern.compile("src=\"(v/([0-9a-f]{12})/)app\\.js\"");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theConsolePage_isHtmlThatBrowsersRevalidate_andLoadsItsScriptsFromAVersionedFolder() throws Exception {
        HttpResponse<byte[]> page = get(server.server.advertisedUrl(), "/ui/", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "")).isEqualTo("text/html;charset=utf-8"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\"[0-9a-f]{20}\""));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("%ASSETS%");
        assertThat(APP_SCRIPT.matcher(html).find()).as(html).isTrue();
    }

    @Test
    void versionedAssets_areImmutable_andGzippedForBrowsersThatAcceptIt() throws Exception {
        String folder = assetFolder();
        HttpResponse<byte[]> plain = get(server.server.advertisedUrl(), "/ui/" + folder + "app.js", Map.of());
        HttpResponse<byte[]> zipped = get(server.server.advertisedUrl(), "/ui/" + folder + "app.js",
                Map.of("Accept-Encoding", "gzip, deflate, br"));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(gunzip(zipped.body())).isEqualTo(plain.body());
        assertThat(zipped.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("export const ROUTES");
    }

    @Test
    void aBrowserThatHasTheFile_getsA304WithoutBody() throws Exception {
        String folder = assetFolder();
        HttpResponse<byte[]> first = get(server.server.advertisedUrl(), "/ui/" + folder + "style.css",
                Map.of("Accept-Encoding", "gzip"));
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get(server.server.advertisedUrl(), "/ui/" + folder + "style.css",
                Map.of("Accept-Encoding", "gzip", "If-None-Match", etag));
        HttpResponse<byte[]> page = get(server.server.advertisedUrl(), "/ui/", Map.of());
        HttpResponse<byte[]> pageAgain = get(server.server.advertisedUrl(), "/ui/",
                Map.of("If-None-Match", page.headers().firstValue("ETag").orElseThrow()));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(pageAgain.statusCode()).isEqualTo(304);
    }

    @Test
    void aFileAskedForUnderAnotherVersion_isServedButNotCachedForever() throws Exception {
        String folder = assetFolder();
        HttpResponse<byte[]> current = get(server.server.advertisedUrl(), "/ui/" + folder + "dom.js", Map.of());
        HttpResponse<byte[]> other = get(server.server.advertisedUrl(), "/ui/v/000000000000/dom.js", Map.of());

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(current.body());
        assertThat(other.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void uiWithoutSlash_isRedirectedRelatively_soThatAProxyPrefixIsKept() throws Exception {
        HttpResponse<byte[]> redirect = get(server.server.advertisedUrl(), "/ui", Map.of());

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("ui/");
    }

    @Test
    void unknownFilesUnderUi_areApache404s_andTheRootStaysApachesJson() throws Exception {
        HttpResponse<byte[]> missing = get(server.server.advertisedUrl(), "/ui/v/" + "abc/../../connectors", Map.of());
        HttpResponse<byte[]> noVersion = get(server.server.advertisedUrl(), "/ui/app.js", Map.of());
        HttpResponse<byte[]> root = get(server.server.advertisedUrl(), "/", Map.of());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(noVersion.statusCode()).isEqualTo(404);
        assertThat(new String(noVersion.body(), StandardCharsets.UTF_8)).contains("\"error_code\":404");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(new String(root.body(), StandardCharsets.UTF_8)).contains("\"version\"");
    }

    @Test
    void underAnAuthenticatingExtension_theConsoleFilesAreServed_butTheApiStillAsksForCredentials() throws Exception {
        Plugins plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.SERVICE_LOAD);
        Map<String, Object> config = new LinkedHashMap<>(TestServer.localConfig());
        RestServer guarded = new RestServer(RestSettings.fromWorkerConfig(config), Fixtures.herder())
                .withExtensions(List.of("dev.ferry.rest.extensions.GuardExtension"), plugins, config);
        guarded.start();
        try {
            HttpResponse<byte[]> page = get(guarded.advertisedUrl(), "/ui/", Map.of());
            Matcher script = APP_SCRIPT.matcher(new String(page.body(), StandardCharsets.UTF_8));
            assertThat(script.find()).isTrue();
            HttpResponse<byte[]> app = get(guarded.advertisedUrl(), "/ui/" + script.group(1) + "app.js", Map.of());
            HttpResponse<byte[]> api = get(guarded.advertisedUrl(), "/connectors", Map.of());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(api.statusCode()).isEqualTo(401);
        } finally {
            guarded.stop();
            plugins.close();
        }
    }

    private static String assetFolder() throws Exception {
        String html = new String(get(server.server.advertisedUrl(), "/ui/", Map.of()).body(), StandardCharsets.UTF_8);
        Matcher matcher = APP_SCRIPT.matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<byte[]> get(URI base, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}

package dev.ferry.rest.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parts of serving the console that need no server. */
class ConsoleResourceTest {
    @Test
    void acceptEncoding_gzipIsRefusedOnlyByAZeroQuality() {
        assertThat(ConsoleResource.acceptsGzip("gzip, deflate")).isTrue();
        assertThat(ConsoleResource.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(ConsoleResource.acceptsGzip("*")).isTrue();
        assertThat(ConsoleResource.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ConsoleResource.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(ConsoleResource.acceptsGzip("identity")).isFalse();
        assertThat(ConsoleResource.acceptsGzip(null)).isFalse();
    }

    @Test
    void theFilesAreReadFromTheClassPath_withAVersionThatIsAHashOfThem() {
        ConsoleAssets assets = ConsoleAssets.load(getClass().getClassLoader());

        assertThat(assets.version()).matches("[0-9a-f]{12}");
        assertThat(assets.get("app.js")).isNotNull();
        assertThat(assets.get("api.js").contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(assets.get("style.css").gzip()).isNotNull();
        assertThat(new String(assets.index().bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("v/" + assets.version() + "/app.js");
        assertThat(assets.get("../pom.xml")).isNull();
    }

    @Test
    void withoutTheConsoleJar_theErrorSaysWhatIsMissing() {
        ClassLoader empty = new ClassLoader(null) { };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleAssets.load(empty))
                .hasMessageContaining("ferry-console jar is missing");
    }
}

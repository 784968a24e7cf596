package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class PluginPathLayoutTest {

    private final TestPlugins fixtures = TestPlugins.get();

    @TempDir
    Path dir;

    /** Discovers with {@code pluginPath} and asserts that the v1 greeting converter works from {@code location}. */
    private void assertGreetingV1Works(Path pluginPath, Path location) {
        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Converter converter = plugins.newConverter("Greeting", null);

            assertThat(new String(converter.fromConnectData("t", null, null), StandardCharsets.UTF_8)).isEqualTo("v1");
            assertThat(plugins.plugins(PluginType.CONVERTER)).contains(
                    new PluginDescriptor(TestPlugins.GREETING_CONVERTER, PluginType.CONVERTER, "1.0.0", location.toString()));
        }
    }

    @Test
    void directoryOfPluginDirectories_eachChildIsOnePlugin() {
        Path pluginPath = dir.resolve("plugins");
        Path greeting = pluginPath.resolve("greeting");
        PluginFixtures.copyInto(fixtures.pluginV1, greeting.resolve("lib"));
        PluginFixtures.copyInto(fixtures.libV1, greeting.resolve("lib"));
        PluginFixtures.copyInto(fixtures.dups, pluginPath.resolve("dups"));

        assertGreetingV1Works(pluginPath, greeting);
    }

    @Test
    void singlePluginDirectory_withItsLibrariesNextToIt_isOnePlugin() {
        Path greeting = dir.resolve("greeting");
        PluginFixtures.copyInto(fixtures.pluginV1, greeting);
        PluginFixtures.copyInto(fixtures.libV1, greeting);

        assertGreetingV1Works(greeting, greeting);
    }

    /** A plugin the installer is still writing sits in a hidden directory until it is renamed into place. */
    @Test
    void hiddenChildOfADirectoryOfPlugins_isNotAPlugin() {
        Path pluginPath = dir.resolve("plugins");
        Path greeting = pluginPath.resolve("greeting");
        PluginFixtures.copyInto(fixtures.pluginV1, greeting.resolve("lib"));
        PluginFixtures.copyInto(fixtures.libV1, greeting.resolve("lib"));
        PluginFixtures.copyInto(fixtures.dups, pluginPath.resolve(".ferry-staging-dups"));

        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN)) {
            assertThat(plugins.plugins()).extracting(PluginDescriptor::location)
                    .contains(greeting.toString())
                    .noneMatch(location -> location.contains(".ferry-staging"));
        }
    }

    @Test
    void directoryOfUberJars_eachJarIsOnePlugin() {
        Path pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.dups, pluginPath);
        PluginFixtures.copyInto(fixtures.kafkaPackage, pluginPath);

        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN)) {
            assertThat(plugins.plugins(PluginType.CONVERTER)).extracting(PluginDescriptor::location)
                    .contains(pluginPath.resolve("dups.jar").toString(), pluginPath.resolve("kafka-package.jar").toString());
        }
    }

    @Test
    void uberJar_asThePathElement_isOnePlugin() {
        Path uber = PluginFixtures.jar(dir.resolve("greeting-uber.jar"), fixtures.classTreeV1);

        assertGreetingV1Works(uber, uber);
    }

    @Test
    void classDirectory_asThePathElement_isOnePlugin() {
        Path classes = PluginFixtures.copyTree(fixtures.classTreeV1, dir.resolve("classes"));

        assertGreetingV1Works(classes, classes);
    }

    @Test
    void classDirectory_insideADirectoryOfPlugins_isOnePlugin() {
        Path pluginPath = dir.resolve("plugins");
        Path greeting = PluginFixtures.copyTree(fixtures.classTreeV1, pluginPath.resolve("greeting").resolve("classes"));

        assertGreetingV1Works(pluginPath, greeting.getParent());
    }

    @Test
    void missingElement_failsNamingTheElementAndTheFix() {
        Path missing = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> Plugins.discover(List.of(dir, missing), List.of(), PluginDiscovery.HYBRID_WARN))
                .isInstanceOf(PluginPathException.class)
                .hasMessageContaining("plugin.path element '" + missing + "' does not exist")
                .hasMessageContaining("remove it from plugin.path")
                .satisfies(e -> assertThat(((PluginPathException) e).element()).isEqualTo(missing));
    }

    @Test
    void missingBundledElement_isReportedAsBundled() {
        Path missing = dir.resolve("bundled");

        assertThatThrownBy(() -> Plugins.discover(List.of(), List.of(missing), PluginDiscovery.HYBRID_WARN))
                .isInstanceOf(PluginPathException.class)
                .hasMessageContaining("the bundled plugin path element '" + missing + "' does not exist");
    }

    @Test
    void unreadableElement_failsNamingTheElementAndTheFix() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeThat(Files.isReadable(locked)).as("running as a user that ignores permissions").isFalse();
            assertThatThrownBy(() -> Plugins.discover(List.of(locked), List.of(), PluginDiscovery.HYBRID_WARN))
                    .isInstanceOf(PluginPathException.class)
                    .hasMessageContaining("'" + locked + "' is not readable")
                    .hasMessageContaining("chmod");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void emptyPluginPath_stillOffersTheClasspathPlugins() {
        try (Plugins plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.SERVICE_LOAD)) {
            assertThat(plugins.plugins(PluginType.CONVERTER)).extracting(PluginDescriptor::className).contains(
                    "org.apache.kafka.connect.storage.StringConverter",
                    // Ferry's own implementations, listed under Apache's names as a drop-in must list them
                    "org.apache.kafka.connect.converters.ByteArrayConverter",
                    "org.apache.kafka.connect.converters.LongConverter")
                    .doesNotContain("dev.ferry.runtime.converters.ByteArrayConverter");
            assertThat(plugins.newConverter("org.apache.kafka.connect.converters.ByteArrayConverter", null))
                    .isInstanceOf(dev.ferry.runtime.converters.ByteArrayConverter.class);
            assertThat(plugins.plugins(PluginType.CONFIG_PROVIDER)).extracting(PluginDescriptor::className).contains(
                    "org.apache.kafka.common.config.provider.FileConfigProvider",
                    "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                    "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            assertThat(plugins.plugins(PluginType.HEADER_CONVERTER)).extracting(PluginDescriptor::location)
                    .containsOnly("classpath");
        }
    }
}

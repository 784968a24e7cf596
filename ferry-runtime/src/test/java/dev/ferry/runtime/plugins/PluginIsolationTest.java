package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PluginIsolationTest {

    private final TestPlugins fixtures = TestPlugins.get();

    @TempDir
    Path dir;

    private Path twoGreetingPlugins() {
        Path pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.pluginV1, pluginPath.resolve("greeting-1"));
        PluginFixtures.copyInto(fixtures.libV1, pluginPath.resolve("greeting-1").resolve("lib"));
        PluginFixtures.copyInto(fixtures.pluginV2, pluginPath.resolve("greeting-2"));
        PluginFixtures.copyInto(fixtures.libV2, pluginPath.resolve("greeting-2").resolve("lib"));
        return pluginPath;
    }

    private static String greet(Converter converter) {
        return new String(converter.fromConnectData("topic", null, "ignored"), StandardCharsets.UTF_8);
    }

    @Test
    void twoPluginLocations_eachUseTheirOwnVersionOfTheSameLibrary() {
        try (Plugins plugins = Plugins.discover(List.of(twoGreetingPlugins()), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Converter v1 = plugins.newConverter("GreetingConverter", "1.0.0");
            Converter v2 = plugins.newConverter("GreetingConverter", "[2.0,3.0)");

            assertThat(greet(v1)).isEqualTo("v1");
            assertThat(greet(v2)).isEqualTo("v2");
            assertThat(v1.getClass()).isNotSameAs(v2.getClass());
            assertThat(v1.getClass().getName()).isEqualTo(v2.getClass().getName());
            assertThat(plugins.loaderOf(v1.getClass())).isNotSameAs(plugins.loaderOf(v2.getClass()));
        }
    }

    @Test
    void connectorsOfTwoVersions_seeTheirOwnLibrary_andTheLatestIsTheDefault() {
        try (Plugins plugins = Plugins.discover(List.of(twoGreetingPlugins()), List.of(), PluginDiscovery.ONLY_SCAN)) {
            SourceConnector v1 = (SourceConnector) plugins.newConnector("GreetingSource", "[1.0.0]");
            Connector latest = plugins.newConnector(TestPlugins.GREETING_CONNECTOR, null);

            assertThat(v1.taskConfigs(1)).containsExactly(Map.of("greeting", "v1"));
            assertThat(((SourceConnector) latest).taskConfigs(1)).containsExactly(Map.of("greeting", "v2"));
            assertThat(plugins.versionOf(latest.getClass())).isEqualTo("2.0.0");
            assertThat(plugins.connectorType(latest.getClass())).isEqualTo(PluginType.SOURCE);
        }
    }

    @Test
    void preferredLoader_winsWhenNoVersionIsRequested() {
        try (Plugins plugins = Plugins.discover(List.of(twoGreetingPlugins()), List.of(), PluginDiscovery.SERVICE_LOAD)) {
            Class<?> connectorV1 = plugins.connectorClass("GreetingSourceConnector", "1.0.0");

            Class<?> converter = plugins.pluginClass("GreetingConverter", PluginType.CONVERTER, null,
                    plugins.loaderOf(connectorV1));

            assertThat(plugins.versionOf(converter)).isEqualTo("1.0.0");
            assertThat(plugins.versionOf(plugins.pluginClass("GreetingConverter", PluginType.CONVERTER, null)))
                    .isEqualTo("2.0.0");
        }
    }

    @Test
    void swapLoader_makesThePluginLoaderCurrent_andCloseRestoresThePreviousOne() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (Plugins plugins = Plugins.discover(List.of(twoGreetingPlugins()), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Converter converter = plugins.newConverter("GreetingConverter", "1.0.0");
            Object seenByPlugin;
            try (LoaderSwap ignored = Plugins.swapLoader(plugins.loaderOf(converter.getClass()))) {
                seenByPlugin = converter.toConnectData("topic", new byte[0]).value();
            }

            assertThat(seenByPlugin.toString()).contains("PluginClassLoader").contains("greeting-1");
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        }
    }

    @Test
    void classInParentFirstPackage_thatOnlyThePluginHas_loadsFromThePlugin() throws Exception {
        Path pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.kafkaPackage, pluginPath);
        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Converter converter = plugins.newConverter("PluginOnlyConverter", null);

            assertThat(converter.getClass().getName()).isEqualTo(TestPlugins.KAFKA_PACKAGE_CONVERTER);
            assertThat(converter.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(converter.fromConnectData("topic", null, null)).containsExactly(42);
            Class<?> helper = converter.getClass().getClassLoader().loadClass(TestPlugins.KAFKA_PACKAGE_HELPER);
            assertThat(helper.getClassLoader()).isSameAs(converter.getClass().getClassLoader());
        }
    }

    @Test
    void pluginLoader_prefersThePluginsCopyOfIsolatedClasses_andTheWorkersCopyOfApiClasses() throws Exception {
        Path pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.shadow, pluginPath);
        PluginFixtures.copyInto(fixtures.pluginV1, pluginPath.resolve("greeting"));
        try (Plugins plugins = Plugins.discover(List.of(pluginPath.resolve("shadow.jar")), List.of(), PluginDiscovery.ONLY_SCAN);
             PluginClassLoader loader = new PluginClassLoader(pluginPath.resolve("shadow.jar"),
                     List.of(pluginPath.resolve("shadow.jar").toUri().toURL()), plugins.delegatingLoader())) {
            Class<?> shadowed = loader.loadClass(ShadowedFixture.class.getName());
            Class<?> api = loader.loadClass("org.apache.kafka.connect.storage.ConverterType");

            assertThat(shadowed).isNotSameAs(ShadowedFixture.class);
            assertThat(shadowed.getMethod("origin").invoke(null)).isEqualTo("plugin");
            assertThat(api).isSameAs(org.apache.kafka.connect.storage.ConverterType.class);
            assertThat(loader.getResource("dev/ferry/runtime/plugins/ShadowedFixture.class").toString()).contains("shadow.jar");
        }
    }

    @Test
    void delegatingLoader_resolvesPluginClassNames_toTheLatestVersion() throws Exception {
        try (Plugins plugins = Plugins.discover(List.of(twoGreetingPlugins()), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Class<?> viaName = Class.forName(TestPlugins.GREETING_CONVERTER, false, plugins.delegatingLoader());

            assertThat(plugins.versionOf(viaName)).isEqualTo("2.0.0");
            assertThat(Class.forName("org.apache.kafka.connect.storage.StringConverter", false, plugins.delegatingLoader()))
                    .isSameAs(org.apache.kafka.connect.storage.StringConverter.class);
        }
    }
}

package dev.ferry.runtime.plugins;

import dev.ferry.runtime.converters.ByteArrayConverter;
import dev.ferry.runtime.converters.IntegerConverter;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.policy.AllowlistConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.policy.NoneConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.policy.PrincipalConnectorClientConfigOverridePolicy;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginNamesTest {

    private final TestPlugins fixtures = TestPlugins.get();

    @TempDir
    Path dir;

    private Path pluginPath;
    private Plugins plugins;

    @BeforeEach
    void setUp() {
        pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.pluginV1, pluginPath.resolve("greeting-1"));
        PluginFixtures.copyInto(fixtures.libV1, pluginPath.resolve("greeting-1"));
        PluginFixtures.copyInto(fixtures.pluginV2, pluginPath.resolve("greeting-2"));
        PluginFixtures.copyInto(fixtures.libV2, pluginPath.resolve("greeting-2"));
        PluginFixtures.copyInto(fixtures.dups, pluginPath);
        plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN);
    }

    @AfterEach
    void tearDown() {
        plugins.close();
    }

    @Test
    void connectors_resolveByClassName_simpleName_andNameWithoutConnectorSuffix() {
        Class<?> byClassName = plugins.connectorClass(TestPlugins.GREETING_CONNECTOR, null);

        assertThat(plugins.connectorClass("GreetingSourceConnector", null)).isSameAs(byClassName);
        assertThat(plugins.connectorClass("GreetingSource", null)).isSameAs(byClassName);
    }

    @Test
    void converters_resolveByNameWithoutTheirTypeSuffix() {
        assertThat(plugins.pluginClass("String", PluginType.CONVERTER, null)).isSameAs(StringConverter.class);
        assertThat(plugins.pluginClass("Simple", PluginType.HEADER_CONVERTER, null)).isSameAs(SimpleHeaderConverter.class);
        assertThat(plugins.pluginClass("ByteArray", PluginType.HEADER_CONVERTER, null)).isSameAs(ByteArrayConverter.class);
        assertThat(plugins.newConfigProvider("FileConfigProvider")).isInstanceOf(FileConfigProvider.class);
    }

    @Test
    void apacheRuntimeClassNames_resolveToFerrysReplacements() {
        assertThat(plugins.newConverter("org.apache.kafka.connect.converters.ByteArrayConverter", null))
                .isInstanceOf(ByteArrayConverter.class);
        assertThat(plugins.newHeaderConverter("org.apache.kafka.connect.converters.IntegerConverter", null))
                .isInstanceOf(IntegerConverter.class);
        assertThat(plugins.newOverridePolicy(
                "org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy"))
                .isInstanceOf(NoneConnectorClientConfigOverridePolicy.class);
        assertThat(plugins.newConverter("org.apache.kafka.connect.converters.IntegerConverter", AppInfoParser.getVersion()))
                .isInstanceOf(IntegerConverter.class);
    }

    @Test
    void overridePolicies_resolveByTheirShortNames() {
        assertThat(plugins.newOverridePolicy("All")).isInstanceOf(AllConnectorClientConfigOverridePolicy.class);
        assertThat(plugins.newOverridePolicy("None")).isInstanceOf(NoneConnectorClientConfigOverridePolicy.class);
        assertThat(plugins.newOverridePolicy("Principal")).isInstanceOf(PrincipalConnectorClientConfigOverridePolicy.class);
        assertThat(plugins.newOverridePolicy("Allowlist")).isInstanceOf(AllowlistConnectorClientConfigOverridePolicy.class);
    }

    @Test
    void aliasClaimedByTwoClasses_resolvesToNeither_butFullNamesStillWork() {
        assertThat(plugins.pluginClass("com.example.one.DupConverter", PluginType.CONVERTER, null).getName())
                .isEqualTo("com.example.one.DupConverter");
        assertThatThrownBy(() -> plugins.newConverter("DupConverter", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("com.example.one.DupConverter")
                .hasMessageContaining("com.example.two.DupConverter");
        assertThatThrownBy(() -> plugins.newConverter("Dup", null)).isInstanceOf(PluginNotFoundException.class);
    }

    @Test
    void unknownName_errorNamesTheKind_closestMatches_andTheSearchedPath() {
        assertThatThrownBy(() -> plugins.newConverter("GreetingConvertr", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("implements Converter")
                .hasMessageContaining("'GreetingConvertr'")
                .hasMessageContaining("Closest matches: GreetingConverter (" + TestPlugins.GREETING_CONVERTER + ")")
                .hasMessageContaining("plugin.path [" + pluginPath + "]")
                .hasMessageContaining("install the plugin")
                .satisfies(e -> assertThat(((PluginNotFoundException) e).closestMatches())
                        .startsWith(TestPlugins.GREETING_CONVERTER));
    }

    @Test
    void unknownName_withNothingSimilar_listsWhatIsInstalled() {
        assertThatThrownBy(() -> plugins.newConnector("io.confluent.connect.jdbc.JdbcSinkConnector", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("implements Connector")
                .hasMessageContaining("installed: " + TestPlugins.GREETING_CONNECTOR);
    }

    @Test
    void aHugeUnknownName_isQuotedCut() {
        String huge = "x".repeat(300) + "y".repeat(1_000_000);

        assertThatThrownBy(() -> plugins.newConnector(huge, null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("matches '" + "x".repeat(200) + "...' (1000300 characters, cut to 200).")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2_000).doesNotContain("xy"));
    }

    @Test
    void nameOfAPluginOfAnotherKind_saysWhatKindItIs() {
        assertThatThrownBy(() -> plugins.newTransformation("GreetingConverter", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageContaining("it is a converter, not a Transformation");
    }

    @Test
    void versionThatIsNotInstalled_errorListsTheAvailableVersions() {
        assertThatThrownBy(() -> plugins.newConverter("GreetingConverter", "9.9"))
                .isInstanceOf(PluginVersionException.class)
                .hasMessageContaining("Plugin " + TestPlugins.GREETING_CONVERTER + " not found that matches the version "
                        + "range [9.9,9.9], available versions: [1.0.0, 2.0.0]")
                .satisfies(e -> assertThat(((PluginVersionException) e).availableVersions()).containsExactly("1.0.0", "2.0.0"));
    }

    @Test
    void malformedVersionSpec_isAVersionError() {
        assertThatThrownBy(() -> plugins.newConverter("GreetingConverter", "[1.0"))
                .isInstanceOf(PluginVersionException.class)
                .hasMessageContaining("Invalid version specification '[1.0'")
                .hasMessageContaining("[1.0,2.0)");
    }

    @Test
    void listing_isSorted_andReportsBothVersionsOfAClassWithTheirLocations() {
        List<PluginDescriptor> converters = plugins.plugins(PluginType.CONVERTER);

        assertThat(converters).extracting(PluginDescriptor::className).isSorted();
        assertThat(converters).filteredOn(d -> d.className().equals(TestPlugins.GREETING_CONVERTER))
                .extracting(PluginDescriptor::version, PluginDescriptor::location)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.0.0", pluginPath.resolve("greeting-1").toString()),
                        org.assertj.core.groups.Tuple.tuple("2.0.0", pluginPath.resolve("greeting-2").toString()));
        assertThat(converters).filteredOn(d -> d.className().equals("com.example.one.DupConverter"))
                .extracting(PluginDescriptor::version).containsExactly(PluginDescriptor.UNDEFINED_VERSION);
        assertThat(plugins.plugins()).extracting(PluginDescriptor::type).contains(PluginType.SOURCE,
                PluginType.CONVERTER, PluginType.HEADER_CONVERTER, PluginType.CONFIG_PROVIDER,
                PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY);
    }

    @Test
    void pruning_cutsTheTypeSuffixOnlyWhenSomethingIsLeft() {
        assertThat(PluginAliases.pruned("JsonConverter", PluginType.CONVERTER)).isEqualTo("Json");
        assertThat(PluginAliases.pruned("JsonConverter", PluginType.HEADER_CONVERTER)).isEqualTo("JsonConverter");
        assertThat(PluginAliases.pruned("SimpleHeaderConverter", PluginType.HEADER_CONVERTER)).isEqualTo("Simple");
        assertThat(PluginAliases.pruned("Converter", PluginType.CONVERTER)).isEqualTo("Converter");
        assertThat(PluginAliases.pruned("FileStreamSinkConnector", PluginType.SINK)).isEqualTo("FileStreamSink");
        assertThat(PluginAliases.pruned("AllConnectorClientConfigOverridePolicy",
                PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY)).isEqualTo("All");
    }
}

package dev.ferry.runtime.plugins;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginDiscoveryModesTest {

    private final TestPlugins fixtures = TestPlugins.get();
    private final Logger finderLog = (Logger) LoggerFactory.getLogger(PluginFinder.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @TempDir
    Path dir;

    private Path pluginPath;

    @BeforeEach
    void setUp() {
        pluginPath = dir.resolve("plugins");
        PluginFixtures.copyInto(fixtures.bare, pluginPath);
        PluginFixtures.copyInto(fixtures.dups, pluginPath);
        logged.start();
        finderLog.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        finderLog.detachAppender(logged);
    }

    private static List<String> classNames(Plugins plugins, PluginType type) {
        return plugins.plugins(type).stream().map(PluginDescriptor::className).toList();
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * Regression: Debezium's ExtractNewRecordState, whose constructors name a class from Apache's connect-transforms
     * that its plugin directory does not carry, was reported as having "no public no-argument constructor".
     */
    @Test
    void pluginNeedingAClassItDoesNotCarry_isReportedWithTheMissingClass_notAsAMissingConstructor() {
        String helper = "com.example.missing.Helper";
        String converter = "com.example.linkage.NeedyConverter";
        Path library = PluginFixtures.compile(dir.resolve("library"), List.of(), java.util.Map.of(helper,
                PluginFixtures.lines("package com.example.missing;", "public class Helper { }")));
        Path classes = PluginFixtures.compile(dir.resolve("needy"), List.of(library), java.util.Map.of(converter,
                PluginFixtures.lines(
                        "package com.example.linkage;",
                        "import java.util.Map;",
                        "import org.apache.kafka.connect.data.Schema;",
                        "import org.apache.kafka.connect.data.SchemaAndValue;",
                        "import org.apache.kafka.connect.storage.Converter;",
                        "public class NeedyConverter implements Converter {",
                        "    public NeedyConverter() { }",
                        "    public NeedyConverter(com.example.missing.Helper helper) { }",
                        "    @Override public void configure(Map<String, ?> configs, boolean isKey) { }",
                        "    @Override public byte[] fromConnectData(String t, Schema s, Object v) { return null; }",
                        "    @Override public SchemaAndValue toConnectData(String t, byte[] v) { return null; }",
                        "}")));
        PluginFixtures.writeManifests(classes, java.util.Map.of("org.apache.kafka.connect.storage.Converter",
                List.of(converter)));
        Path needyPath = dir.resolve("needy-plugins");
        PluginFixtures.jar(needyPath.resolve("needy").resolve("needy.jar"), classes);

        try (Plugins plugins = Plugins.discover(List.of(needyPath), List.of(), PluginDiscovery.SERVICE_LOAD)) {
            assertThat(classNames(plugins, PluginType.CONVERTER)).doesNotContain(converter);
        }
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains(converter)
                .contains("com/example/missing/Helper")
                .contains("Add the jar that holds " + helper + " to " + needyPath.resolve("needy"))
                .doesNotContain("no-argument constructor"));
    }

    /** Ferry's bundled plugins carry manifests; scanning their libraries cost each worker start ~0.3 s. */
    @Test
    void bundledPlugins_areFoundByTheirManifestsOnly_inEveryMode() {
        Path bundled = dir.resolve("bundled");
        PluginFixtures.copyInto(fixtures.bare, bundled);
        for (PluginDiscovery mode : PluginDiscovery.values()) {
            try (Plugins plugins = Plugins.discover(List.of(), List.of(bundled), mode)) {
                assertThat(classNames(plugins, PluginType.CONFIG_PROVIDER)).as(mode.configValue())
                        .contains(TestPlugins.LISTED_PROVIDER).doesNotContain(TestPlugins.UNLISTED_PROVIDER);
                assertThat(classNames(plugins, PluginType.TRANSFORMATION)).as(mode.configValue())
                        .doesNotContain(TestPlugins.BARE_TRANSFORMATION);
            }
        }
    }

    @Test
    void serviceLoad_findsOnlyPluginsWithManifests() {
        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.SERVICE_LOAD)) {
            assertThat(classNames(plugins, PluginType.TRANSFORMATION)).doesNotContain(TestPlugins.BARE_TRANSFORMATION);
            assertThat(classNames(plugins, PluginType.CONVERTER)).contains("com.example.one.DupConverter");
            assertThat(classNames(plugins, PluginType.CONFIG_PROVIDER)).contains(TestPlugins.LISTED_PROVIDER)
                    .doesNotContain(TestPlugins.UNLISTED_PROVIDER);
        }
    }

    @Test
    void onlyScan_findsPluginsWithoutManifests_butConfigProvidersStillNeedOne() {
        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.ONLY_SCAN)) {
            assertThat(classNames(plugins, PluginType.TRANSFORMATION)).contains(TestPlugins.BARE_TRANSFORMATION);
            assertThat(classNames(plugins, PluginType.CONVERTER)).contains(TestPlugins.STRING_SUBCLASS);
            assertThat(classNames(plugins, PluginType.HEADER_CONVERTER)).contains(TestPlugins.STRING_SUBCLASS);
            assertThat(classNames(plugins, PluginType.CONFIG_PROVIDER)).contains(TestPlugins.LISTED_PROVIDER)
                    .doesNotContain(TestPlugins.UNLISTED_PROVIDER);
            assertThat(warnings()).isEmpty();
        }
    }

    @Test
    void hybridWarn_findsEverything_andLogsOneWarningListingPluginsWithoutManifests() {
        try (Plugins plugins = Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_WARN)) {
            assertThat(classNames(plugins, PluginType.TRANSFORMATION)).contains(TestPlugins.BARE_TRANSFORMATION);
            assertThat(warnings()).singleElement().asString()
                    .contains(pluginPath.resolve("bare.jar") + "\t" + TestPlugins.BARE_TRANSFORMATION + "\ttransformation")
                    .contains("plugin.discovery=service_load")
                    .doesNotContain("DupConverter");
        }
    }

    @Test
    void hybridFail_refusesToStart_listingPluginsWithoutManifests() {
        assertThatThrownBy(() -> Plugins.discover(List.of(pluginPath), List.of(), PluginDiscovery.HYBRID_FAIL))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("3 plugin(s) have no ServiceLoader manifest")
                .hasMessageContaining(TestPlugins.STRING_SUBCLASS + "\theader_converter")
                .hasMessageContaining(pluginPath.resolve("bare.jar") + "\t" + TestPlugins.BARE_TRANSFORMATION)
                .hasMessageContaining("plugin.discovery=hybrid_warn");
    }

    @Test
    void hybridFail_startsWhenEveryPluginHasAManifest() {
        Path listedOnly = dir.resolve("listed");
        PluginFixtures.copyInto(fixtures.dups, listedOnly);
        try (Plugins plugins = Plugins.discover(List.of(listedOnly), List.of(), PluginDiscovery.HYBRID_FAIL)) {
            assertThat(classNames(plugins, PluginType.CONVERTER)).contains("com.example.two.DupConverter");
        }
    }

    @Test
    void parse_acceptsApacheSpellings_andRejectsOthersListingTheValidOnes() {
        assertThat(PluginDiscovery.parse("hybrid_warn")).isEqualTo(PluginDiscovery.HYBRID_WARN);
        assertThat(PluginDiscovery.parse(" SERVICE_LOAD ")).isEqualTo(PluginDiscovery.SERVICE_LOAD);
        assertThat(PluginDiscovery.parse("only_scan")).isEqualTo(PluginDiscovery.ONLY_SCAN);
        assertThat(PluginDiscovery.parse(null)).isEqualTo(PluginDiscovery.HYBRID_WARN);
        assertThatThrownBy(() -> PluginDiscovery.parse("scan"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugin.discovery")
                .hasMessageContaining("only_scan, service_load, hybrid_warn, hybrid_fail");
    }
}

package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Plugins that link against classes of Apache's connect-runtime, which Apache keeps on its worker's class path:
 * MirrorMaker 2's connectors, installed as a user installs them (a plugin directory holding only Apache's
 * connect-mirror and connect-mirror-client jars), get {@code ConnectorConfig}, {@code KafkaBasedLog} and
 * {@code TopicAdmin} from Ferry's compatibility library, which only such a request opens. (Regression: creating a
 * MirrorSourceConnector answered HTTP 500 with an empty body, from a NoClassDefFoundError for ConnectorConfig.)
 *
 * <p>The library is the one the build copies to {@code target/compat}; MirrorMaker 2's jars are those of Maven
 * Central.
 */
class ApacheRuntimeLibraryTest {

    private static final String SOURCE = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
    private static final String CHECKPOINT = "org.apache.kafka.connect.mirror.MirrorCheckpointConnector";
    private static final String HEARTBEAT = "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector";
    private static final String CONNECTOR_CONFIG = "org.apache.kafka.connect.runtime.ConnectorConfig";

    @TempDir
    Path dir;

    @Test
    void mirrorMakersConnectors_fromADirectoryWithOnlyApachesTwoJars_areListed_andTheirConfigLinksConnectRuntime()
            throws Exception {
        try (Plugins plugins = Plugins.discover(List.of(userPath(false)), List.of(), PluginDiscovery.HYBRID_WARN)) {
            assertThat(plugins.apacheRuntimeOpened()).as("discovery alone opens nothing").isFalse();
            assertThat(plugins.plugins(PluginType.SOURCE)).extracting(PluginDescriptor::className, PluginDescriptor::version)
                    .contains(tuple(SOURCE, "4.3.1"),
                            tuple(CHECKPOINT, "4.3.1"),
                            tuple(HEARTBEAT, "4.3.1"));
            assertThat(plugins.apacheRuntimeOpened()).as("nor does listing the plugins with their versions").isFalse();

            Connector source = plugins.newConnector("MirrorSourceConnector", null);
            ConfigDef config;
            try (LoaderSwap ignored = Plugins.swapLoaderOf(source)) {
                config = source.config();
            }

            assertThat(config.names()).as("MirrorMaker's own keys and ConnectorConfig's")
                    .contains("source.cluster.alias", "topics", "connector.class", "tasks.max");
            assertThat(plugins.apacheRuntimeOpened()).isTrue();
            Class<?> connectorConfig = Class.forName(CONNECTOR_CONFIG, false, source.getClass().getClassLoader());
            assertThat(connectorConfig.getClassLoader().getName()).isEqualTo("apache-connect-runtime");
        }
    }

    @Test
    void theUtilityClassesMirrorMakersTasksUse_comeFromTheLibrary_andShareTheWorkersKafkaClients() throws Exception {
        try (Plugins plugins = Plugins.discover(List.of(userPath(false)), List.of(), PluginDiscovery.HYBRID_WARN)) {
            ClassLoader mirror = plugins.pluginClass(SOURCE, PluginType.SOURCE, null).getClassLoader();
            for (String name : List.of("org.apache.kafka.connect.util.KafkaBasedLog",
                    "org.apache.kafka.connect.util.TopicAdmin", "org.apache.kafka.connect.util.TopicAdmin$NewTopicBuilder",
                    "org.apache.kafka.connect.util.Callback")) {
                Class<?> linked = Class.forName(name, true, mirror);
                assertThat(linked.getClassLoader().getName()).as(name).isEqualTo("apache-connect-runtime");
            }
            Class<?> admin = Class.forName("org.apache.kafka.connect.util.TopicAdmin", false, mirror);
            assertThat(admin.getConstructor(Map.class, org.apache.kafka.clients.admin.Admin.class))
                    .as("one Admin interface for worker, plugin and library").isNotNull();
            assertThat(Class.forName("org.apache.kafka.connect.util.ConnectorUtils", false, mirror).getClassLoader())
                    .as("connect-api's own util classes stay the worker's")
                    .isSameAs(Connector.class.getClassLoader());
        }
    }

    @Test
    void aPluginThatBringsItsOwnConnectRuntime_getsTheLibrarysCopy_asOnApachesWorker() throws Exception {
        try (Plugins plugins = Plugins.discover(List.of(userPath(true)), List.of(), PluginDiscovery.HYBRID_WARN)) {
            Class<?> source = plugins.pluginClass(SOURCE, PluginType.SOURCE, null);
            Class<?> connectorConfig = Class.forName(CONNECTOR_CONFIG, false, source.getClassLoader());

            assertThat(connectorConfig.getClassLoader()).isNotSameAs(source.getClassLoader());
            assertThat(connectorConfig.getClassLoader().getName()).isEqualTo("apache-connect-runtime");
        }
    }

    @Test
    void theLibrarysClassesLinkApachesPluginClasses_fromTheBundledPluginThatHoldsThem() throws Exception {
        Path bundled = Path.of(System.getProperty("apache.transforms.bundled.dir"));
        try (Plugins plugins = Plugins.discover(List.of(userPath(false)), List.of(bundled), PluginDiscovery.HYBRID_WARN)) {
            ClassLoader mirror = plugins.pluginClass(SOURCE, PluginType.SOURCE, null).getClassLoader();
            ClassLoader library = Class.forName(CONNECTOR_CONFIG, false, mirror).getClassLoader();

            Class<?> cast = Class.forName("org.apache.kafka.connect.transforms.Cast", false, library);
            Class<?> replaceField = Class.forName("org.apache.kafka.connect.transforms.ReplaceField", false, library);

            ClassLoader bundledTransforms = plugins.pluginClass("org.apache.kafka.connect.transforms.Cast$Value",
                    PluginType.TRANSFORMATION, null).getClassLoader();
            assertThat(cast.getClassLoader()).as("connect-runtime's TransformationDoc links Cast, as on Apache's "
                    + "class path").isSameAs(bundledTransforms);
            assertThat(replaceField.getClassLoader()).isSameAs(bundledTransforms);
        }
    }

    @Test
    void aClassOfConnectRuntimesPackagesThatTheLibraryLacks_isThePluginsOwn() throws Exception {
        String helper = "org.apache.kafka.connect.util.VendorHelper";
        Path classes = PluginFixtures.compile(dir.resolve("vendor-classes"), List.of(), Map.of(
                "com.example.vendor.VendorConverter", PluginFixtures.lines(
                        "package com.example.vendor;",
                        "import java.util.Map;",
                        "import org.apache.kafka.connect.data.Schema;",
                        "import org.apache.kafka.connect.data.SchemaAndValue;",
                        "import org.apache.kafka.connect.storage.Converter;",
                        "public class VendorConverter implements Converter {",
                        "    public Class<?> helper() { return org.apache.kafka.connect.util.VendorHelper.class; }",
                        "    public void configure(Map<String, ?> configs, boolean isKey) { }",
                        "    public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }",
                        "    public SchemaAndValue toConnectData(String topic, byte[] value) { return null; }",
                        "}"),
                helper, PluginFixtures.lines(
                        "package org.apache.kafka.connect.util;",
                        "public class VendorHelper { }")));
        PluginFixtures.writeManifests(classes, Map.of("org.apache.kafka.connect.storage.Converter",
                List.of("com.example.vendor.VendorConverter")));
        PluginFixtures.jar(dir.resolve("vendor-plugins").resolve("vendor").resolve("vendor.jar"), classes);

        try (Plugins plugins = Plugins.discover(List.of(dir.resolve("vendor-plugins")), List.of(),
                PluginDiscovery.HYBRID_WARN)) {
            Object converter = plugins.newConverter("com.example.vendor.VendorConverter", null);
            Class<?> linked = (Class<?>) converter.getClass().getMethod("helper").invoke(converter);

            assertThat(linked.getName()).isEqualTo(helper);
            assertThat(linked.getClassLoader()).isSameAs(converter.getClass().getClassLoader());
        }
    }

    @Test
    void withoutTheLibrary_aPluginThatNeedsIt_failsWithAMessageSayingWhatToInstall() throws Exception {
        Path missing = dir.resolve("no-compat");
        ApacheRuntimeLibrary library = new ApacheRuntimeLibrary(missing, Plugins.class.getClassLoader());
        try (Plugins plugins = Plugins.discover(List.of(userPath(false)), List.of(), PluginDiscovery.HYBRID_WARN, library)) {
            Connector source = plugins.newConnector(SOURCE, null);

            Throwable thrown = catchThrowable(source::config);

            assertThat(thrown).isInstanceOf(NoClassDefFoundError.class);
            assertThat(causes(thrown)).anySatisfy(cause -> assertThat(cause.getMessage())
                    .contains(CONNECTOR_CONFIG, "connect-runtime", missing + " does not exist", "restart the worker"));
            Throwable again = catchThrowable(() -> Class.forName(CONNECTOR_CONFIG, false, source.getClass().getClassLoader()));
            assertThat(again).as("every later request says the same").isExactlyInstanceOf(ClassNotFoundException.class)
                    .hasMessageContaining(missing.toString());
            assertThat(MissingClass.in(thrown)).get().extracting(MissingClass::className).isEqualTo(CONNECTOR_CONFIG);
        }
    }

    @Test
    void pluginsThatNeedNoConnectRuntimeClass_neverOpenTheLibrary() {
        TestPlugins fixtures = TestPlugins.get();
        try (Plugins plugins = Plugins.discover(List.of(fixtures.kafkaPackage, fixtures.pluginV1), List.of(),
                PluginDiscovery.HYBRID_WARN)) {
            plugins.newConverter(TestPlugins.KAFKA_PACKAGE_CONVERTER, null);
            plugins.newConverter(TestPlugins.GREETING_CONVERTER, null);

            assertThat(plugins.apacheRuntimeOpened()).isFalse();
        }
    }

    /** A plugin.path directory with one plugin: Apache's two mirror jars, with {@code ownRuntime} connect-runtime too. */
    private Path userPath(boolean ownRuntime) throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("plugins").resolve("mm2"));
        try (var jars = Files.list(Path.of(System.getProperty("mirror.plugin.dir")))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugin.resolve(jar.getFileName()));
            }
        }
        if (ownRuntime) {
            try (var jars = Files.list(Path.of(System.getProperty(ApacheRuntimeLibrary.DIR_PROPERTY)))) {
                for (Path jar : jars.filter(j -> j.getFileName().toString().startsWith("connect-runtime")).toList()) {
                    Files.copy(jar, plugin.resolve(jar.getFileName()));
                }
            }
        }
        return plugin.getParent();
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}

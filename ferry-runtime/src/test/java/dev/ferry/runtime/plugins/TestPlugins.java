package dev.ferry.runtime.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ferry.runtime.plugins.PluginFixtures.lines;

/**
 * Real plugin jars compiled once per test JVM and shared by the plugin tests (compiling is the slow part):
 * <ul>
 *   <li>{@code greeting-lib-1.jar} / {@code -2.jar}: two versions of {@code com.example.lib.Greeting}, whose
 *       {@code text()} returns {@code v1} / {@code v2};</li>
 *   <li>{@code greeting-plugin-1.jar} / {@code -2.jar}: {@code com.example.greet.GreetingConverter} and
 *       {@code GreetingSourceConnector} in versions 1.0.0 / 2.0.0, each built against the matching library
 *       (which it does not contain), with manifests;</li>
 *   <li>{@code bare.jar}: a transformation and a subclass of connect-api's {@code StringConverter} without
 *       manifests, a config provider with one and a config provider without one;</li>
 *   <li>{@code dups.jar}: two converters both named {@code DupConverter}, in different packages;</li>
 *   <li>{@code kafka-package.jar}: a converter and its helper under {@code org.apache.kafka.connect.fixture},
 *       a parent-first package, that exist only in the plugin;</li>
 *   <li>{@code shadow.jar}: its own {@link ShadowedFixture} and its own
 *       {@code org.apache.kafka.connect.storage.ConverterType}.</li>
 * </ul>
 */
final class TestPlugins {

    static final String GREETING_CONVERTER = "com.example.greet.GreetingConverter";
    static final String GREETING_CONNECTOR = "com.example.greet.GreetingSourceConnector";
    static final String BARE_TRANSFORMATION = "com.example.bare.BareTransformation";
    static final String LISTED_PROVIDER = "com.example.bare.ListedConfigProvider";
    static final String UNLISTED_PROVIDER = "com.example.bare.UnlistedConfigProvider";
    static final String STRING_SUBCLASS = "com.example.bare.LoudStringConverter";
    static final String KAFKA_PACKAGE_CONVERTER = "org.apache.kafka.connect.fixture.PluginOnlyConverter";
    static final String KAFKA_PACKAGE_HELPER = "org.apache.kafka.connect.fixture.PluginOnlyHelper";

    private static final String CONVERTER = "org.apache.kafka.connect.storage.Converter";
    private static final String SOURCE = "org.apache.kafka.connect.source.SourceConnector";
    private static final String CONFIG_PROVIDER = "org.apache.kafka.common.config.provider.ConfigProvider";

    private static TestPlugins instance;

    final Path root;
    final Path libV1;
    final Path libV2;
    final Path pluginV1;
    final Path pluginV2;
    /** The v1 plugin and v1 library classes as one class tree (no jars), with manifests. */
    final Path classTreeV1;
    final Path bare;
    final Path dups;
    final Path kafkaPackage;
    final Path shadow;

    private TestPlugins(Path root) {
        this.root = root;
        Path work = root.resolve("work");
        libV1 = PluginFixtures.jar(root.resolve("greeting-lib-1.jar"), compileLibrary(work.resolve("lib1"), "v1"));
        libV2 = PluginFixtures.jar(root.resolve("greeting-lib-2.jar"), compileLibrary(work.resolve("lib2"), "v2"));
        Path plugin1 = compileGreeting(work.resolve("plugin1"), "1.0.0", libV1);
        Path plugin2 = compileGreeting(work.resolve("plugin2"), "2.0.0", libV2);
        pluginV1 = PluginFixtures.jar(root.resolve("greeting-plugin-1.jar"), plugin1);
        pluginV2 = PluginFixtures.jar(root.resolve("greeting-plugin-2.jar"), plugin2);
        classTreeV1 = PluginFixtures.copyTree(work.resolve("lib1"), root.resolve("class-tree-1"));
        PluginFixtures.copyTree(plugin1, classTreeV1);
        bare = PluginFixtures.jar(root.resolve("bare.jar"), compileBare(work.resolve("bare")));
        dups = PluginFixtures.jar(root.resolve("dups.jar"), compileDups(work.resolve("dups")));
        kafkaPackage = PluginFixtures.jar(root.resolve("kafka-package.jar"), compileKafkaPackage(work.resolve("kafka")));
        shadow = PluginFixtures.jar(root.resolve("shadow.jar"), compileShadow(work.resolve("shadow1"), work.resolve("shadow2")));
    }

    static synchronized TestPlugins get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("ferry-test-plugins");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                instance = new TestPlugins(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static Path compileLibrary(Path out, String text) {
        return PluginFixtures.compile(out, List.of(), Map.of("com.example.lib.Greeting", lines(
                "package com.example.lib;",
                "public final class Greeting {",
                "    public static String text() { return \"" + text + "\"; }",
                "}")));
    }

    private static Path compileGreeting(Path out, String version, Path library) {
        PluginFixtures.compile(out, List.of(library), Map.of(
                GREETING_CONVERTER, lines(
                        "package com.example.greet;",
                        "import java.nio.charset.StandardCharsets;",
                        "import java.util.Map;",
                        "import org.apache.kafka.connect.data.Schema;",
                        "import org.apache.kafka.connect.data.SchemaAndValue;",
                        "import org.apache.kafka.connect.storage.Converter;",
                        "public class GreetingConverter implements Converter {",
                        "    @Override public String version() { return \"" + version + "\"; }",
                        "    @Override public void configure(Map<String, ?> configs, boolean isKey) { }",
                        "    @Override public byte[] fromConnectData(String topic, Schema schema, Object value) {",
                        "        return com.example.lib.Greeting.text().getBytes(StandardCharsets.UTF_8);",
                        "    }",
                        "    @Override public SchemaAndValue toConnectData(String topic, byte[] value) {",
                        "        String context = String.valueOf(Thread.currentThread().getContextClassLoader());",
                        "        return new SchemaAndValue(Schema.STRING_SCHEMA, context);",
                        "    }",
                        "}"),
                GREETING_CONNECTOR, lines(
                        "package com.example.greet;",
                        "import java.util.List;",
                        "import java.util.Map;",
                        "import org.apache.kafka.common.config.ConfigDef;",
                        "import org.apache.kafka.connect.connector.Task;",
                        "import org.apache.kafka.connect.source.SourceConnector;",
                        "public class GreetingSourceConnector extends SourceConnector {",
                        "    @Override public String version() { return \"" + version + "\"; }",
                        "    @Override public void start(Map<String, String> props) { }",
                        "    @Override public Class<? extends Task> taskClass() { return GreetingTask.class; }",
                        "    @Override public List<Map<String, String>> taskConfigs(int maxTasks) {",
                        "        return List.of(Map.of(\"greeting\", com.example.lib.Greeting.text()));",
                        "    }",
                        "    @Override public void stop() { }",
                        "    @Override public ConfigDef config() { return new ConfigDef(); }",
                        "}"),
                "com.example.greet.GreetingTask", lines(
                        "package com.example.greet;",
                        "import java.util.List;",
                        "import java.util.Map;",
                        "import org.apache.kafka.connect.source.SourceRecord;",
                        "import org.apache.kafka.connect.source.SourceTask;",
                        "public class GreetingTask extends SourceTask {",
                        "    @Override public String version() { return \"" + version + "\"; }",
                        "    @Override public void start(Map<String, String> props) { }",
                        "    @Override public List<SourceRecord> poll() { return null; }",
                        "    @Override public void stop() { }",
                        "}")));
        return PluginFixtures.writeManifests(out, Map.of(CONVERTER, List.of(GREETING_CONVERTER),
                SOURCE, List.of(GREETING_CONNECTOR)));
    }

    private static Path compileBare(Path out) {
        String provider = lines(
                "package com.example.bare;",
                "import java.util.Map;",
                "import java.util.Set;",
                "import org.apache.kafka.common.config.ConfigData;",
                "import org.apache.kafka.common.config.provider.ConfigProvider;",
                "public class NAME implements ConfigProvider {",
                "    @Override public void configure(Map<String, ?> configs) { }",
                "    @Override public ConfigData get(String path) { return new ConfigData(Map.of()); }",
                "    @Override public ConfigData get(String path, Set<String> keys) { return new ConfigData(Map.of()); }",
                "    @Override public void close() { }",
                "}");
        PluginFixtures.compile(out, List.of(), Map.of(
                BARE_TRANSFORMATION, lines(
                        "package com.example.bare;",
                        "import java.util.Map;",
                        "import org.apache.kafka.common.config.ConfigDef;",
                        "import org.apache.kafka.connect.connector.ConnectRecord;",
                        "import org.apache.kafka.connect.transforms.Transformation;",
                        "public class BareTransformation<R extends ConnectRecord<R>> implements Transformation<R> {",
                        "    @Override public R apply(R record) { return record; }",
                        "    @Override public ConfigDef config() { return new ConfigDef(); }",
                        "    @Override public void close() { }",
                        "    @Override public void configure(Map<String, ?> configs) { }",
                        "}"),
                STRING_SUBCLASS, lines(
                        "package com.example.bare;",
                        "public class LoudStringConverter extends org.apache.kafka.connect.storage.StringConverter { }"),
                LISTED_PROVIDER, provider.replace("NAME", "ListedConfigProvider"),
                UNLISTED_PROVIDER, provider.replace("NAME", "UnlistedConfigProvider")));
        return PluginFixtures.writeManifests(out, Map.of(CONFIG_PROVIDER, List.of(LISTED_PROVIDER)));
    }

    private static Path compileDups(Path out) {
        String converter = lines(
                "package PKG;",
                "import java.util.Map;",
                "import org.apache.kafka.connect.data.Schema;",
                "import org.apache.kafka.connect.data.SchemaAndValue;",
                "import org.apache.kafka.connect.storage.Converter;",
                "public class DupConverter implements Converter {",
                "    @Override public void configure(Map<String, ?> configs, boolean isKey) { }",
                "    @Override public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }",
                "    @Override public SchemaAndValue toConnectData(String topic, byte[] value) { return SchemaAndValue.NULL; }",
                "}");
        PluginFixtures.compile(out, List.of(), Map.of(
                "com.example.one.DupConverter", converter.replace("PKG", "com.example.one"),
                "com.example.two.DupConverter", converter.replace("PKG", "com.example.two")));
        return PluginFixtures.writeManifests(out, Map.of(CONVERTER,
                List.of("com.example.one.DupConverter", "com.example.two.DupConverter")));
    }

    private static Path compileKafkaPackage(Path out) {
        PluginFixtures.compile(out, List.of(), Map.of(
                KAFKA_PACKAGE_HELPER, lines(
                        "package org.apache.kafka.connect.fixture;",
                        "public final class PluginOnlyHelper {",
                        "    public static byte[] bytes() { return new byte[] {42}; }",
                        "}"),
                KAFKA_PACKAGE_CONVERTER, lines(
                        "package org.apache.kafka.connect.fixture;",
                        "import java.util.Map;",
                        "import org.apache.kafka.connect.data.Schema;",
                        "import org.apache.kafka.connect.data.SchemaAndValue;",
                        "import org.apache.kafka.connect.storage.Converter;",
                        "public class PluginOnlyConverter implements Converter {",
                        "    @Override public void configure(Map<String, ?> configs, boolean isKey) { }",
                        "    @Override public byte[] fromConnectData(String topic, Schema schema, Object value) {",
                        "        return PluginOnlyHelper.bytes();",
                        "    }",
                        "    @Override public SchemaAndValue toConnectData(String topic, byte[] value) { return SchemaAndValue.NULL; }",
                        "}")));
        return PluginFixtures.writeManifests(out, Map.of(CONVERTER, List.of(KAFKA_PACKAGE_CONVERTER)));
    }

    private static Path compileShadow(Path shadowOut, Path apiOut) {
        PluginFixtures.compile(shadowOut, List.of(), Map.of(ShadowedFixture.class.getName(), lines(
                "package dev.ferry.runtime.plugins;",
                "public final class ShadowedFixture {",
                "    public static String origin() { return \"plugin\"; }",
                "}")));
        PluginFixtures.compile(apiOut, List.of(), Map.of("org.apache.kafka.connect.storage.ConverterType", lines(
                "package org.apache.kafka.connect.storage;",
                "public final class ConverterType { }")));
        PluginFixtures.copyTree(apiOut, shadowOut);
        return shadowOut;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}

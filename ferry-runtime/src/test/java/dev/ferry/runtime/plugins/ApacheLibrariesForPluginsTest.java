package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.ferry.runtime.plugins.PluginFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins that link against classes of Apache's own plugins which are no plugins themselves, as Debezium's
 * ExtractNewRecordState links {@code ReplaceField} (whose plugins are {@code ReplaceField$Key}/{@code $Value}):
 * Apache keeps connect-transforms and connect-json on every worker's class path, Ferry keeps them as isolated
 * bundled plugins, and such a class is served from the bundled plugin that holds it, unless the linking plugin
 * brings its own copy. (Regression: the plugin failed to load with NoClassDefFoundError and was reported as having
 * no public no-argument constructor.)
 */
class ApacheLibrariesForPluginsTest {

    private static final String RENAMER = "org.apache.kafka.connect.transforms.Renamer";
    private static final String TRANSFORMATION = "org.apache.kafka.connect.transforms.Transformation";

    @TempDir
    Path dir;

    @Test
    void aPluginLinkingANonPluginClassOfABundledApachePlugin_loads_andGetsTheBundledClass() throws Exception {
        Path bundledClasses = bundledTransforms();
        Path bundled = dir.resolve("bundled");
        PluginFixtures.jar(bundled.resolve("apache-transforms").resolve("connect-transforms.jar"), bundledClasses);
        Path user = dir.resolve("user");
        PluginFixtures.jar(user.resolve("unwrap").resolve("unwrap.jar"), unwrapPlugin(bundledClasses, false));

        try (Plugins plugins = Plugins.discover(List.of(user), List.of(bundled), PluginDiscovery.HYBRID_WARN)) {
            Class<?> unwrap = plugins.pluginClass("com.example.Unwrap", PluginType.TRANSFORMATION, null);
            Object instance = unwrap.getConstructor().newInstance();
            Class<?> linked = (Class<?>) unwrap.getMethod("linked").invoke(instance);
            Class<?> bundledValue = plugins.pluginClass(RENAMER + "$Value", PluginType.TRANSFORMATION, null);

            assertThat(linked.getName()).isEqualTo(RENAMER);
            assertThat(linked.getClassLoader()).as("one copy of the class: the bundled plugin's")
                    .isSameAs(bundledValue.getClassLoader());
        }
    }

    @Test
    void aPluginThatBringsItsOwnCopy_usesItsOwn() throws Exception {
        Path bundledClasses = bundledTransforms();
        Path bundled = dir.resolve("bundled");
        PluginFixtures.jar(bundled.resolve("apache-transforms").resolve("connect-transforms.jar"), bundledClasses);
        Path user = dir.resolve("user");
        PluginFixtures.jar(user.resolve("unwrap").resolve("unwrap.jar"), unwrapPlugin(bundledClasses, true));

        try (Plugins plugins = Plugins.discover(List.of(user), List.of(bundled), PluginDiscovery.HYBRID_WARN)) {
            Class<?> unwrap = plugins.pluginClass("com.example.Unwrap", PluginType.TRANSFORMATION, null);
            Class<?> linked = (Class<?>) unwrap.getMethod("linked").invoke(unwrap.getConstructor().newInstance());

            assertThat(linked.getClassLoader()).isSameAs(unwrap.getClassLoader());
        }
    }

    /** An abstract SMT whose plugins are its nested Value class, as Apache's ReplaceField and its $Key/$Value. */
    private Path bundledTransforms() {
        Path classes = PluginFixtures.compile(dir.resolve("transforms-classes"), List.of(), Map.of(RENAMER, lines(
                "package org.apache.kafka.connect.transforms;",
                "import java.util.Map;",
                "import org.apache.kafka.common.config.ConfigDef;",
                "import org.apache.kafka.connect.connector.ConnectRecord;",
                "public abstract class Renamer<R extends ConnectRecord<R>> implements Transformation<R> {",
                "    public R apply(R record) { return record; }",
                "    public ConfigDef config() { return new ConfigDef(); }",
                "    public void configure(Map<String, ?> configs) { }",
                "    public void close() { }",
                "    public static class Value<R extends ConnectRecord<R>> extends Renamer<R> { }",
                "}")));
        return PluginFixtures.writeManifests(classes, Map.of(TRANSFORMATION, List.of(RENAMER + "$Value")));
    }

    /** An SMT of another vendor that delegates to the bundled one; with {@code ownCopy} it packs Renamer too. */
    private Path unwrapPlugin(Path bundledClasses, boolean ownCopy) {
        Path classes = PluginFixtures.compile(dir.resolve("unwrap-classes"), List.of(bundledClasses),
                Map.of("com.example.Unwrap", lines(
                        "package com.example;",
                        "import java.util.Map;",
                        "import org.apache.kafka.common.config.ConfigDef;",
                        "import org.apache.kafka.connect.connector.ConnectRecord;",
                        "import org.apache.kafka.connect.transforms.Renamer;",
                        "import org.apache.kafka.connect.transforms.Transformation;",
                        "public class Unwrap<R extends ConnectRecord<R>> implements Transformation<R> {",
                        "    private final Renamer<R> delegate = new Renamer.Value<>();",
                        "    public Class<?> linked() { return Renamer.class; }",
                        "    public R apply(R record) { return delegate.apply(record); }",
                        "    public ConfigDef config() { return delegate.config(); }",
                        "    public void configure(Map<String, ?> configs) { }",
                        "    public void close() { }",
                        "}")));
        if (ownCopy) {
            PluginFixtures.copyTree(bundledClasses.resolve("org"), classes.resolve("org"));
        }
        return PluginFixtures.writeManifests(classes, Map.of(TRANSFORMATION, List.of("com.example.Unwrap")));
    }
}

package dev.ferry.runtime.plugins;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.runtime.model.PluginDescriptor;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.ferry.runtime.plugins.PluginFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plugins that fail while being found or created report the real cause: the class they need and do not carry,
 * the plugin location that asked for it and which jar to add where; or the static initialiser that threw.
 * (Regression: a plugin missing a class was reported as having "no public no-argument constructor", and a request
 * naming it got "Closest matches" of other plugins.)
 */
class PluginLinkageErrorsTest {

    private static final String SOURCE_CONNECTOR = "org.apache.kafka.connect.source.SourceConnector";
    private static final String MISSING = "com.example.lib.Helper";

    @TempDir
    static Path dir;
    static Path location;
    static Plugins plugins;

    @BeforeAll
    static void installPluginsMissingAClass() {
        Path lib = PluginFixtures.compile(dir.resolve("lib-classes"), List.of(), Map.of(
                MISSING, lines("package com.example.lib;",
                        "public class Helper { public static String name() { return \"helper\"; } }"),
                "com.example.lib.BaseConnector", lines("package com.example.lib;",
                        "public abstract class BaseConnector extends org.apache.kafka.connect.source.SourceConnector { }")));
        Path classes = PluginFixtures.compile(dir.resolve("plugin-classes"), List.of(lib), Map.of(
                "com.example.NeedsHelperConnector", connector("NeedsHelperConnector", "SourceConnector",
                        "private final String helper = com.example.lib.Helper.name();", "\"1.0\""),
                "com.example.SubclassConnector", connector("SubclassConnector", "com.example.lib.BaseConnector", "", "\"1.0\""),
                "com.example.LicensedConnector", connector("LicensedConnector", "SourceConnector",
                        "static { if (Boolean.TRUE) throw new IllegalStateException(\"no licence key found\"); }", "\"1.0\""),
                "com.example.VersionlessConnector", connector("VersionlessConnector", "SourceConnector", "",
                        "com.example.lib.Helper.name()"),
                "com.example.WrappedVersionConnector", connector("WrappedVersionConnector", "SourceConnector",
                        "public WrappedVersionConnector() { throw new IllegalStateException(\"cannot read the version file\", "
                                + "new java.io.FileNotFoundException(\"connector-version.properties\")); }", "\"1.0\"")));
        PluginFixtures.writeManifests(classes, Map.of(SOURCE_CONNECTOR, List.of("com.example.NeedsHelperConnector",
                "com.example.SubclassConnector", "com.example.LicensedConnector", "com.example.VersionlessConnector",
                "com.example.WrappedVersionConnector")));
        // the plugin's jar leaves out the library its classes link
        location = dir.resolve("plugins").resolve("needs-helper");
        PluginFixtures.jar(location.resolve("needs-helper.jar"), classes);
        plugins = Plugins.discover(List.of(dir.resolve("plugins")), List.of(), PluginDiscovery.HYBRID_WARN);
    }

    @Test
    void creatingAPluginWhoseConstructorLinksAMissingClass_namesTheClass_theLocation_andTheJarToAdd_everyTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            // the second time the JVM does not ask the loader again: it re-creates the first failure's cause
            assertThatThrownBy(() -> plugins.newConnector("com.example.NeedsHelperConnector", null))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("com.example.NeedsHelperConnector")
                    .hasMessageContaining("class " + MISSING + " cannot be found by plugin location " + location)
                    .hasMessageContaining("Add the jar that holds " + MISSING + " to " + location)
                    .hasRootCauseInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aPluginWhoseSuperclassIsMissing_isIgnoredByDiscovery_andARequestForItIsToldWhy() {
        assertThat(plugins.plugins()).extracting(PluginDescriptor::className)
                .doesNotContain("com.example.SubclassConnector");

        assertThatThrownBy(() -> plugins.newConnector("SubclassConnector", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageStartingWith("source plugin com.example.SubclassConnector was found in " + location
                        + " but cannot be used")
                .hasMessageContaining("com.example.lib.BaseConnector")
                .hasMessageContaining("Add the jar that holds com.example.lib.BaseConnector to " + location)
                .hasMessageNotContaining("no public no-argument constructor");
    }

    @Test
    void aPluginWhoseStaticInitializerThrows_reportsTheInitializersException_everyTime() {
        for (int attempt = 0; attempt < 2; attempt++) {
            // the JVM reports the initialiser's exception once, then only "Could not initialize class"
            assertThatThrownBy(() -> plugins.newConnector("com.example.LicensedConnector", null))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("com.example.LicensedConnector")
                    .hasMessageContaining("static initializer")
                    .hasMessageContaining("no licence key found");
        }
    }

    @Test
    void aPluginWhoseVersionMethodThrowsAnError_isListedWithAnUndefinedVersion() {
        Class<? extends Connector> versionless = plugins.connectorClass("com.example.VersionlessConnector", null);

        assertThat(plugins.versionOf(versionless)).isEqualTo(PluginDescriptor.UNDEFINED_VERSION);
        assertThat(plugins.plugins()).extracting(PluginDescriptor::className).contains("com.example.VersionlessConnector");
    }

    @Test
    void aVersionReadFailure_logsThePluginsExceptionWithItsCause_notTheReflectionWrapper() {
        Logger versionsLog = (Logger) LoggerFactory.getLogger(PluginVersions.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        versionsLog.addAppender(logged);
        try {
            // its own Plugins: the shared one may have read (and cached) the version in another test already
            Plugins fresh = Plugins.discover(List.of(dir.resolve("plugins")), List.of(), PluginDiscovery.HYBRID_WARN);
            Class<? extends Connector> wrapped = fresh.connectorClass("com.example.WrappedVersionConnector", null);

            assertThat(fresh.versionOf(wrapped)).isEqualTo(PluginDescriptor.UNDEFINED_VERSION);
        } finally {
            versionsLog.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("WrappedVersion")).singleElement()
                .satisfies(event -> {
            assertThat(event.getFormattedMessage())
                    .contains("com.example.WrappedVersionConnector")
                    .contains("java.lang.IllegalStateException: cannot read the version file; caused by "
                            + "java.io.FileNotFoundException: connector-version.properties")
                    .doesNotContain("InvocationTargetException");
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        });
    }

    @Test
    void aMissingClassInACauseChain_isFoundWithTheLocationThatAskedForIt() {
        Throwable fromTask = new RuntimeException("poll failed", new NoClassDefFoundError("com/example/Gone"));

        assertThat(MissingClass.in(fromTask)).contains(new MissingClass("com.example.Gone", null));
        assertThat(MissingClass.in(new NoClassDefFoundError("Could not initialize class com.example.X"))).isEmpty();
        assertThat(PluginFailure.explained("Task t-0 failed in poll()", fromTask))
                .hasMessageStartingWith("Task t-0 failed in poll(): class com.example.Gone cannot be found")
                .hasMessageContaining("Add the jar that holds com.example.Gone")
                .hasCause(fromTask);
        assertThat(PluginFailure.explained("Task t-0 failed", new IllegalStateException("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoadersOwnReasonForAMissingClass_isTheAdvice() {
        Throwable linkage = new NoClassDefFoundError("org/apache/kafka/connect/runtime/ConnectorConfig");
        linkage.initCause(new ClassNotFoundException("org.apache.kafka.connect.runtime.ConnectorConfig is a class of "
                + "Apache's connect-runtime; put its jars in /opt/ferry/compat"));

        assertThat(PluginFailure.describe(linkage))
                .startsWith("class org.apache.kafka.connect.runtime.ConnectorConfig cannot be found")
                .endsWith("put its jars in /opt/ferry/compat")
                .doesNotContain("plugin.path");
    }

    private static String connector(String name, String superclass, String body, String version) {
        return lines("package com.example;",
                "import java.util.List;",
                "import java.util.Map;",
                "import org.apache.kafka.common.config.ConfigDef;",
                "import org.apache.kafka.connect.connector.Task;",
                "import org.apache.kafka.connect.source.SourceConnector;",
                "public class " + name + " extends " + superclass + " {",
                "    " + body,
                "    public String version() { return " + version + "; }",
                "    public void start(Map<String, String> props) { }",
                "    public Class<? extends Task> taskClass() { return null; }",
                "    public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }",
                "    public void stop() { }",
                "    public ConfigDef config() { return new ConfigDef(); }",
                "}");
    }
}

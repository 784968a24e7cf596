package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin code that fails with a {@link NoClassDefFoundError} (a plugin installed without one of its libraries) at
 * each stage the worker runs it: the failure is caught where it happens, the connector or task is FAILED, and its
 * trace says which class is missing, which plugin location asked for it and which jar to add where. The fixture
 * plugin is compiled here against a library that is then left out of its jar.
 */
@WithKafka
class PluginErrorsWorkerTest {
    private static final String MISSING = "com.example.lib.Helper";

    @TempDir
    static Path dir;
    static Path location;
    static Plugins plugins;
    static FileOffsetBackingStore offsets;
    static StandaloneConfig config;
    static RecordingStatusListener listener;
    static Worker worker;

    @BeforeAll
    static void startWorker(KafkaBroker broker) {
        location = installPluginWithoutItsLibrary();
        plugins = Plugins.discover(List.of(location.getParent()), List.of(), PluginDiscovery.SERVICE_LOAD);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        config = new StandaloneConfig(props, plugins);
        listener = new RecordingStatusListener();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        worker = new Worker("test-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), listener, Time.SYSTEM);
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
        offsets.close();
        plugins.close();
    }

    @Test
    void aSourceTaskThrowingNoClassDefFoundErrorInPoll_isFailed_withTheMissingClassAndWhatToAddInItsTrace() {
        ConnectorTaskId task = new ConnectorTaskId("poll-fails", 0);
        Map<String, String> connectorConfig = connector("poll-fails", "PollFailsConnector");
        worker.startConnector("poll-fails", connectorConfig, TargetState.STARTED);
        listener.awaitConnector("poll-fails", State.RUNNING);
        worker.startTask(task, connectorConfig, worker.connectorTaskConfigs("poll-fails").get(0), TargetState.STARTED);

        listener.awaitTask(task, State.FAILED);
        assertThat(trace(listener.taskFailure(task)))
                .startsWith("org.apache.kafka.connect.errors.ConnectException: Task poll-fails-0 failed: class " + MISSING
                        + " cannot be found by plugin location " + location)
                .contains("Add the jar that holds " + MISSING + " to " + location)
                .contains("Caused by: java.lang.NoClassDefFoundError: com/example/lib/Helper")
                .contains("PollFailsTask.poll");
    }

    @Test
    void aConnectorWhoseStartThrowsNoClassDefFoundError_isFailed_withTheMissingClassInItsTrace() {
        worker.startConnector("start-fails", connector("start-fails", "StartFailsConnector"), TargetState.STARTED);

        listener.awaitConnector("start-fails", State.FAILED);
        assertThat(trace(listener.connectorFailure("start-fails")))
                .startsWith("org.apache.kafka.connect.errors.ConnectException: Connector start-fails failed: class "
                        + MISSING + " cannot be found by plugin location " + location)
                .contains("StartFailsConnector.start");
    }

    @Test
    void aConnectorWhoseTaskConfigsThrowNoClassDefFoundError_isFailed_andTheCallerGetsAConnectException() {
        worker.startConnector("task-configs-fail", connector("task-configs-fail", "TaskConfigsFailConnector"),
                TargetState.STARTED);
        listener.awaitConnector("task-configs-fail", State.RUNNING);

        // called on the herder's thread: an Error here would end it
        assertThatThrownBy(() -> worker.connectorTaskConfigs("task-configs-fail"))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(MISSING);
        listener.awaitConnector("task-configs-fail", State.FAILED);
        assertThat(trace(listener.connectorFailure("task-configs-fail")))
                .contains("Add the jar that holds " + MISSING + " to " + location)
                .contains("TaskConfigsFailConnector.taskConfigs");
    }

    @Test
    void validatingAConnectorWhoseConfigThrowsNoClassDefFoundError_failsWithAConnectExceptionNamingTheClass() {
        ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH),
                new AllConnectorClientConfigOverridePolicy());

        assertThatThrownBy(() -> validator.validate(connector("config-fails", "ConfigFailsConnector")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("com.example.broken.ConfigFailsConnector from " + location + " failed in config()")
                .hasMessageContaining("Add the jar that holds " + MISSING + " to " + location);
        assertThatThrownBy(() -> validator.pluginConfigKeys("ConfigFailsConnector", null))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining(MISSING);
    }

    @Test
    void aTaskWhoseConverterLacksAClass_isFailed_withTheConverterTheClassAndWhatToAdd() {
        ConnectorTaskId task = new ConnectorTaskId("needy-converter", 0);
        Map<String, String> connectorConfig = new HashMap<>(connector("needy-converter", "PollFailsConnector"));
        connectorConfig.put("value.converter", "com.example.broken.NeedyConverter");
        worker.startTask(task, connectorConfig, Map.of("task.class", "com.example.broken.PollFailsTask"),
                TargetState.STARTED);

        listener.awaitTask(task, State.FAILED);
        assertThat(trace(listener.taskFailure(task)))
                .startsWith("org.apache.kafka.connect.errors.ConnectException: Plugin com.example.broken.NeedyConverter from "
                        + location + " threw while being created: class " + MISSING + " cannot be found by plugin location "
                        + location)
                .contains("Add the jar that holds " + MISSING + " to " + location);
    }

    @Test
    void aTaskWhoseTransformationThrowsNoClassDefFoundErrorInConfigure_isFailed_withTheMissingClass() {
        ConnectorTaskId task = new ConnectorTaskId("needy-smt", 0);
        Map<String, String> connectorConfig = new HashMap<>(connector("needy-smt", "PollFailsConnector"));
        connectorConfig.put("transforms", "needy");
        connectorConfig.put("transforms.needy.type", "com.example.broken.NeedySmt");
        worker.startTask(task, connectorConfig, Map.of("task.class", "com.example.broken.PollFailsTask"),
                TargetState.STARTED);

        listener.awaitTask(task, State.FAILED);
        assertThat(trace(listener.taskFailure(task)))
                .startsWith("org.apache.kafka.connect.errors.ConnectException: Task needy-smt-0 failed: class " + MISSING
                        + " cannot be found by plugin location " + location)
                .contains("NeedySmt.configure");
    }

    private static Map<String, String> connector(String name, String simpleClassName) {
        return Map.of("name", name, "connector.class", "com.example.broken." + simpleClassName, "tasks.max", "1");
    }

    private static String trace(Throwable t) {
        assertThat(t).as("the failure reported with the status").isNotNull();
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    // ---- the fixture: a plugin whose classes link com.example.lib.Helper, installed without it --------------------

    private static Path installPluginWithoutItsLibrary() {
        Path classes = dir.resolve("classes");
        compile(classes, Map.of(
                MISSING, "package com.example.lib; public class Helper { public static String name() { return \"h\"; } }",
                "com.example.broken.PollFailsTask", """
                        package com.example.broken;
                        import java.util.List;
                        import java.util.Map;
                        import org.apache.kafka.connect.source.SourceRecord;
                        import org.apache.kafka.connect.source.SourceTask;
                        public class PollFailsTask extends SourceTask {
                            public String version() { return "1"; }
                            public void start(Map<String, String> props) { }
                            public List<SourceRecord> poll() { com.example.lib.Helper.name(); return null; }
                            public void stop() { }
                        }
                        """,
                "com.example.broken.PollFailsConnector", connectorSource("PollFailsConnector", "", "", ""),
                "com.example.broken.StartFailsConnector", connectorSource("StartFailsConnector",
                        "com.example.lib.Helper.name();", "", ""),
                "com.example.broken.TaskConfigsFailConnector", connectorSource("TaskConfigsFailConnector", "",
                        "com.example.lib.Helper.name();", ""),
                "com.example.broken.ConfigFailsConnector", connectorSource("ConfigFailsConnector", "", "",
                        "com.example.lib.Helper.name();"),
                "com.example.broken.NeedyConverter", """
                        package com.example.broken;
                        import java.util.Map;
                        import org.apache.kafka.connect.data.Schema;
                        import org.apache.kafka.connect.data.SchemaAndValue;
                        import org.apache.kafka.connect.storage.Converter;
                        public class NeedyConverter implements Converter {
                            private final String helper = com.example.lib.Helper.name();
                            public void configure(Map<String, ?> configs, boolean isKey) { }
                            public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }
                            public SchemaAndValue toConnectData(String topic, byte[] value) { return null; }
                        }
                        """,
                "com.example.broken.NeedySmt", """
                        package com.example.broken;
                        import java.util.Map;
                        import org.apache.kafka.common.config.ConfigDef;
                        import org.apache.kafka.connect.connector.ConnectRecord;
                        import org.apache.kafka.connect.transforms.Transformation;
                        public class NeedySmt<R extends ConnectRecord<R>> implements Transformation<R> {
                            public void configure(Map<String, ?> configs) { com.example.lib.Helper.name(); }
                            public R apply(R record) { return record; }
                            public ConfigDef config() { return new ConfigDef(); }
                            public void close() { }
                        }
                        """));
        Path plugin = dir.resolve("plugins").resolve("broken-plugin");
        try {
            Files.createDirectories(plugin);
            Path manifest = classes.resolve("META-INF/services/org.apache.kafka.connect.source.SourceConnector");
            Files.createDirectories(manifest.getParent());
            Files.writeString(manifest, String.join("\n", "com.example.broken.PollFailsConnector",
                    "com.example.broken.StartFailsConnector", "com.example.broken.TaskConfigsFailConnector",
                    "com.example.broken.ConfigFailsConnector") + "\n");
            Files.writeString(manifest.resolveSibling("org.apache.kafka.connect.storage.Converter"),
                    "com.example.broken.NeedyConverter\n");
            Files.writeString(manifest.resolveSibling("org.apache.kafka.connect.transforms.Transformation"),
                    "com.example.broken.NeedySmt\n");
            try (OutputStream file = Files.newOutputStream(plugin.resolve("broken.jar"));
                 JarOutputStream jar = new JarOutputStream(file);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(entry).toString().replace('\\', '/');
                    if (name.startsWith("com/example/lib/")) {
                        continue; // the library the plugin needs, left out
                    }
                    jar.putNextEntry(new JarEntry(name));
                    jar.write(Files.readAllBytes(entry));
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return plugin;
    }

    private static String connectorSource(String name, String inStart, String inTaskConfigs, String inConfig) {
        return """
                package com.example.broken;
                import java.util.List;
                import java.util.Map;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.connector.Task;
                import org.apache.kafka.connect.source.SourceConnector;
                public class %s extends SourceConnector {
                    public String version() { return "1"; }
                    public void start(Map<String, String> props) { %s }
                    public Class<? extends Task> taskClass() { return PollFailsTask.class; }
                    public List<Map<String, String>> taskConfigs(int maxTasks) { %s return List.of(Map.of()); }
                    public void stop() { }
                    public ConfigDef config() { %s return new ConfigDef(); }
                }
                """.formatted(name, inStart, inTaskConfigs, inConfig);
    }

    private static void compile(Path out, Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        String classpath = String.join(java.io.File.pathSeparator, jarOf(Connector.class), jarOf(ConfigDef.class));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ok = compiler.getTask(null, compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8), null,
                List.of("-d", out.toString(), "-classpath", classpath, "--release", "17", "-proc:none"), null, units).call();
        assertThat(ok).as("the fixture plugin compiles").isTrue();
    }

    private static String jarOf(Class<?> klass) {
        try {
            return Path.of(klass.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

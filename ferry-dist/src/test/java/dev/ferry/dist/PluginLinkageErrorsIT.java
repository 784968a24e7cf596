package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin installed without one of its libraries, on a real worker process, as a user meets it: creating a
 * connector whose class needs the missing class gets Apache's JSON error naming that class, the plugin
 * directory and the jar to add (not an empty 500, not "Closest matches" of other plugins); a source task whose
 * {@code poll()} throws {@code NoClassDefFoundError} is FAILED with the class in its trace; and the worker keeps
 * serving other connectors. Standalone and distributed, one worker each.
 */
@WithKafka
class PluginLinkageErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MISSING = "com.example.lib.Helper";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path pluginPath;
    static Path pluginDir;

    @BeforeAll
    static void installPluginWithoutItsLibrary() {
        pluginPath = dir.resolve("plugins");
        pluginDir = pluginPath.resolve("broken-plugin");
        buildPlugin(pluginDir.resolve("broken-plugin.jar"));
    }

    @Test
    void standaloneWorker_reportsTheMissingClass_andKeepsServing(KafkaBroker broker) throws Exception {
        try (WorkerProcess worker = WorkerProcess.start(Files.createDirectories(dir.resolve("standalone")),
                broker.bootstrapServers(),
                Map.of("plugin.path", pluginPath.toString()))) {
            reportsTheMissingClass_andKeepsServing(worker, "standalone");
            assertThat(worker.stop()).isZero();
        }
    }

    @Test
    void distributedWorker_reportsTheMissingClass_andKeepsServing(KafkaBroker broker) throws Exception {
        try (WorkerProcess worker = WorkerProcess.startDistributed(dir.resolve("distributed"), broker.bootstrapServers(),
                "linkage-errors", Map.of("plugin.path", pluginPath.toString()))) {
            reportsTheMissingClass_andKeepsServing(worker, "distributed");
            assertThat(worker.stop()).isZero();
        }
    }

    private void reportsTheMissingClass_andKeepsServing(WorkerProcess worker, String mode) throws Exception {
        // a connector whose constructor needs the missing class
        HttpResponse<String> create = worker.post("/connectors", createBody("needs-helper-" + mode,
                "com.example.broken.NeedsHelperConnector", "t-" + mode));
        assertErrorJson(create, 500)
                .contains("com.example.broken.NeedsHelperConnector")
                .contains("class " + MISSING + " cannot be found by plugin location " + pluginDir)
                .contains("Add the jar that holds " + MISSING + " to " + pluginDir);
        HttpResponse<String> validate = worker.put("/connector-plugins/NeedsHelperConnector/config/validate",
                "{\"connector.class\":\"com.example.broken.NeedsHelperConnector\"}");
        assertErrorJson(validate, 500).contains(MISSING);

        // a connector whose superclass is missing: discovery had to ignore it, and the request is told why
        HttpResponse<String> ignored = worker.post("/connectors", createBody("subclass-" + mode,
                "SubclassConnector", "t-" + mode));
        assertErrorJson(ignored, 400)
                .contains("com.example.broken.SubclassConnector was found in " + pluginDir + " but cannot be used")
                .contains("Add the jar that holds com.example.lib.BaseConnector to " + pluginDir);

        // a source task whose poll() needs the missing class
        String pollFails = "poll-fails-" + mode;
        assertThat(worker.post("/connectors", createBody(pollFails, "com.example.broken.PollFailsConnector",
                "t-" + mode)).statusCode()).isEqualTo(201);
        JsonNode[] task = new JsonNode[1];
        worker.await(TIMEOUT, pollFails + "'s task FAILED", () -> {
            task[0] = worker.json("/connectors/" + pollFails + "/status").path("tasks").path(0);
            return "FAILED".equals(task[0].path("state").asText());
        });
        assertThat(task[0].path("trace").asText())
                .contains("Task " + pollFails + "-0 failed: class " + MISSING + " cannot be found by plugin location "
                        + pluginDir)
                .contains("java.lang.NoClassDefFoundError: com/example/lib/Helper")
                .contains("PollFailsTask.poll");
        assertThat(worker.json("/connectors/" + pollFails + "/status").path("connector").path("state").asText())
                .isEqualTo("RUNNING");

        // a connector whose taskConfigs() needs the missing class: called on the herder's thread, which survives
        String taskConfigsFail = "task-configs-fail-" + mode;
        assertThat(worker.post("/connectors", createBody(taskConfigsFail, "com.example.broken.TaskConfigsFailConnector",
                "t-" + mode)).statusCode()).isEqualTo(201);
        JsonNode[] connector = new JsonNode[1];
        worker.await(TIMEOUT, taskConfigsFail + " FAILED", () -> {
            connector[0] = worker.json("/connectors/" + taskConfigsFail + "/status").path("connector");
            return "FAILED".equals(connector[0].path("state").asText());
        });
        assertThat(connector[0].path("trace").asText())
                .contains("Connector " + taskConfigsFail + " failed to generate task configurations: class " + MISSING
                        + " cannot be found by plugin location " + pluginDir)
                .contains("TaskConfigsFailConnector.taskConfigs");

        // and the worker keeps serving: another connector starts and runs
        Path input = Files.writeString(worker.dir.resolve("in.txt"), "a line\n");
        String healthy = "healthy-" + mode;
        assertThat(worker.post("/connectors", "{\"name\":\"" + healthy + "\",\"config\":{\"connector.class\":"
                + "\"FileStreamSource\",\"file\":\"" + input + "\",\"topic\":\"healthy-" + mode + "\"}}")
                .statusCode()).isEqualTo(201);
        worker.awaitState(healthy, "RUNNING", 1, TIMEOUT);
        assertThat(worker.get("/connectors").body()).contains(healthy).contains(pollFails);
    }

    private static String createBody(String name, String connectorClass, String topic) {
        return "{\"name\":\"" + name + "\",\"config\":{\"connector.class\":\"" + connectorClass
                + "\",\"tasks.max\":\"1\",\"topic\":\"" + topic + "\"}}";
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertErrorJson(HttpResponse<String> response,
                                                                               int status) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error_code").asInt()).isEqualTo(status);
        return assertThat(body.get("message").asText());
    }

    // ---- the fixture: classes that link com.example.lib.Helper/BaseConnector, packed without them ------------------

    private static void buildPlugin(Path jarFile) {
        Path classes = dir.resolve("classes");
        compile(classes, Map.of(
                MISSING, "package com.example.lib; public class Helper { public static String name() { return \"h\"; } }",
                "com.example.lib.BaseConnector", "package com.example.lib; public abstract class BaseConnector extends "
                        + "org.apache.kafka.connect.source.SourceConnector { }",
                "com.example.broken.PollFailsTask", """
                        package com.example.broken;
                        import java.util.List;
                        import java.util.Map;
                        import org.apache.kafka.connect.source.SourceRecord;
                        import org.apache.kafka.connect.source.SourceTask;
                        public class PollFailsTask extends SourceTask {
                            public String version() { return "1"; }
                            public void start(Map<String, String> props) { }
                            public List<SourceRecord> poll() throws InterruptedException {
                                Thread.sleep(100);
                                com.example.lib.Helper.name();
                                return null;
                            }
                            public void stop() { }
                        }
                        """,
                "com.example.broken.PollFailsConnector", connectorSource("PollFailsConnector", "SourceConnector", ""),
                "com.example.broken.NeedsHelperConnector", connectorSource("NeedsHelperConnector", "SourceConnector",
                        "private final String helper = com.example.lib.Helper.name();"),
                "com.example.broken.SubclassConnector", connectorSource("SubclassConnector",
                        "com.example.lib.BaseConnector", ""),
                "com.example.broken.TaskConfigsFailConnector", connectorSource("TaskConfigsFailConnector",
                        "SourceConnector", "", "com.example.lib.Helper.name();")));
        try {
            Path manifest = classes.resolve("META-INF/services/org.apache.kafka.connect.source.SourceConnector");
            Files.createDirectories(manifest.getParent());
            Files.writeString(manifest, String.join("\n", "com.example.broken.PollFailsConnector",
                    "com.example.broken.NeedsHelperConnector", "com.example.broken.SubclassConnector",
                    "com.example.broken.TaskConfigsFailConnector") + "\n");
            Files.createDirectories(jarFile.getParent());
            try (OutputStream file = Files.newOutputStream(jarFile);
                 JarOutputStream jar = new JarOutputStream(file);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path entry : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(entry).toString().replace('\\', '/');
                    if (!name.startsWith("com/example/lib/")) { // the library the plugin needs, left out
                        jar.putNextEntry(new JarEntry(name));
                        jar.write(Files.readAllBytes(entry));
                        jar.closeEntry();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String connectorSource(String name, String superclass, String member) {
        return connectorSource(name, superclass, member, "");
    }

    private static String connectorSource(String name, String superclass, String member, String inTaskConfigs) {
        return """
                package com.example.broken;
                import java.util.List;
                import java.util.Map;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.connector.Task;
                import org.apache.kafka.connect.source.SourceConnector;
                public class %s extends %s {
                    %s
                    public String version() { return "1"; }
                    public void start(Map<String, String> props) { }
                    public Class<? extends Task> taskClass() { return PollFailsTask.class; }
                    public List<Map<String, String>> taskConfigs(int maxTasks) { %s return List.of(Map.of()); }
                    public void stop() { }
                    public ConfigDef config() { return new ConfigDef(); }
                }
                """.formatted(name, superclass, member, inTaskConfigs);
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
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = jarOf(Connector.class) + java.io.File.pathSeparator + jarOf(ConfigDef.class);
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

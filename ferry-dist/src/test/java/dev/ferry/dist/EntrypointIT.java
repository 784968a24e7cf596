package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image's entrypoint, {@code deploy/docker/entrypoint.sh}, run by {@code dash} against the built distribution
 * (no Docker engine here): given an environment, the worker properties it leads to ({@code ferry distributed
 * --print-config}), the command line and environment it hands the launcher, each of the cp image's required
 * variables and its error, the AvroConverter rule, the registry mode; and, against a real broker, a worker and a
 * registry it starts, with jars from the image's jars directory on the class path and the image's health check
 * passing once they are ready.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntrypointIT {
    private static final List<String> REQUIRED = List.of("CONNECT_BOOTSTRAP_SERVERS", "CONNECT_GROUP_ID",
            "CONNECT_CONFIG_STORAGE_TOPIC", "CONNECT_OFFSET_STORAGE_TOPIC", "CONNECT_STATUS_STORAGE_TOPIC",
            "CONNECT_KEY_CONVERTER", "CONNECT_VALUE_CONVERTER", "CONNECT_REST_ADVERTISED_HOST_NAME");
    private static final String AVRO = "io.confluent.connect.avro.AvroConverter";

    private Process started;

    @AfterEach
    void stopWhatATestStarted() throws InterruptedException {
        if (started != null && started.isAlive()) {
            started.destroy();
            if (!started.waitFor(30, TimeUnit.SECONDS)) {
                started.destroyForcibly();
            }
        }
        started = null;
    }

    @Test
    void theCpImagesRequiredVariablesMakeAWorkerConfig_withTheImagesDefaults() throws Exception {
        Entrypoint.Result result = printConfig(Entrypoint.requiredWorkerEnv());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.properties()).isEqualTo(new TreeMap<>(Map.of(
                "bootstrap.servers", "kafka:9092",
                "group.id", "connect-cluster",
                "config.storage.topic", "connect-configs",
                "offset.storage.topic", "connect-offsets",
                "status.storage.topic", "connect-status",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "rest.advertised.host.name", "worker-1",
                // CONNECT_REST_PORT defaults to 8083 and becomes the listener; the plugin path is the cp image's.
                "listeners", "http://:8083",
                "plugin.path", "/usr/share/java,/usr/share/confluent-hub-components")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECT_BOOTSTRAP_SERVERS", "CONNECT_GROUP_ID", "CONNECT_CONFIG_STORAGE_TOPIC",
            "CONNECT_OFFSET_STORAGE_TOPIC", "CONNECT_STATUS_STORAGE_TOPIC", "CONNECT_KEY_CONVERTER",
            "CONNECT_VALUE_CONVERTER", "CONNECT_REST_ADVERTISED_HOST_NAME"})
    void eachRequiredVariableMissing_isNamedInTheCpImagesWords_andNothingStarts(String variable) throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.remove(variable);
        Entrypoint.Result result = printConfig(env);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("environment variable \"" + variable + "\" is not set; ");
        REQUIRED.stream().filter(v -> !v.equals(variable))
                .forEach(other -> assertThat(result.stderr()).doesNotContain("\"" + other + "\""));
    }

    @Test
    void everyMissingVariableIsReportedAtOnce_andAnEmptyOneIsAProblemToo() throws Exception {
        Entrypoint.Result none = printConfig(Map.of());
        assertThat(none.exitCode()).isEqualTo(1);
        REQUIRED.forEach(v -> assertThat(none.stderr()).contains("environment variable \"" + v + "\" is not set"));
        assertThat(none.stderr()).contains("not starting: 8 problem(s)");

        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_GROUP_ID", "");
        Entrypoint.Result empty = printConfig(env);
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.stderr()).contains("environment variable \"CONNECT_GROUP_ID\" is set but empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY", "VALUE"})
    void anAvroConverterNeedsItsRegistryUrl_asInTheCpImage(String side) throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_" + side + "_CONVERTER", AVRO);
        Entrypoint.Result missing = printConfig(env);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains(
                "environment variable \"CONNECT_" + side + "_CONVERTER_SCHEMA_REGISTRY_URL\" is not set");

        env.put("CONNECT_" + side + "_CONVERTER_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
        Entrypoint.Result given = printConfig(env);
        assertThat(given.exitCode()).as(given.stderr()).isZero();
        String prefix = side.toLowerCase() + ".converter";
        assertThat(given.properties()).containsEntry(prefix, AVRO)
                .containsEntry(prefix + ".schema.registry.url", "http://schema-registry:8081");
    }

    @Test
    void otherConvertersAreNotCheckedForARegistryUrl_asInTheCpImage() throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_VALUE_CONVERTER", "io.confluent.connect.protobuf.ProtobufConverter");
        assertThat(printConfig(env).exitCode()).isZero();
    }

    @Test
    void connectRestPortBecomesTheListener_andConnectListenersWinsOverIt() throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_REST_PORT", "18083");
        assertThat(printConfig(env).properties()).containsEntry("listeners", "http://:18083").doesNotContainKey("rest.port");
        env.put("CONNECT_LISTENERS", "http://0.0.0.0:9999");
        assertThat(printConfig(env).properties()).containsEntry("listeners", "http://0.0.0.0:9999");
    }

    @Test
    void secretsAreHidden_andTheImagesOwnVariablesNeverBecomeWorkerProperties() throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_PRODUCER_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;");
        env.put("CONNECT_LOG4J_ROOT_LOGLEVEL", "WARN");
        env.put("CONNECT_LOG4J_LOGGERS", "org.reflections=ERROR");
        env.put("CONNECT_CUB_KAFKA_TIMEOUT", "60");
        env.put("CONNECT_CONFIG_PROVIDERS", "env");
        env.put("CONNECT_CONFIG_PROVIDERS_ENV_CLASS", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        Entrypoint.Result result = printConfig(env);
        assertThat(result.properties()).containsEntry("producer.sasl.jaas.config", "[hidden]")
                .containsEntry("config.providers", "env")
                .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(result.properties().keySet()).noneMatch(k -> k.startsWith("log4j") || k.startsWith("cub"));
        // The logging variables are taken care of by the entrypoint, so the worker does not call them ignored.
        assertThat(result.stderr()).doesNotContain("CONNECT_LOG4J_ROOT_LOGLEVEL").contains("CONNECT_CUB_KAFKA_TIMEOUT");
    }

    @Test
    void theLauncherGetsTheImagesJvmClassPathAndLoggingVariables_inFerrysNames(@TempDir Path dir) throws Exception {
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("FERRY_HOME", Entrypoint.recordingHome(dir).toString());
        env.put("FERRY_JARS_DIR", "/srv/jars");
        env.put("KAFKA_HEAP_OPTS", "-Xms256M -Xmx2G");
        env.put("KAFKA_OPTS", "-javaagent:/opt/jmx_prometheus_javaagent.jar=9404:/etc/jmx.yml");
        env.put("KAFKA_JMX_PORT", "9999");
        env.put("KAFKA_JMX_HOSTNAME", "worker-1");
        env.put("CONNECT_LOG4J_ROOT_LOGLEVEL", "WARN");
        env.put("CONNECT_LOG4J_LOGGERS", "org.apache.kafka.connect.runtime.rest=DEBUG,org.reflections=ERROR");
        Entrypoint.Result result = Entrypoint.run(Entrypoint.SCRIPT, env, "--print-config");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, String> launched = launchedEnv(result);
        assertThat(result.stdout()).startsWith("ARGS: distributed --print-config\n");
        assertThat(launched).containsEntry("FERRY_HEAP_OPTS", "-Xms256M -Xmx2G")
                .containsEntry("KAFKA_OPTS", "-javaagent:/opt/jmx_prometheus_javaagent.jar=9404:/etc/jmx.yml")
                .containsEntry("CLASSPATH", "/srv/jars/*")
                .containsEntry("CONNECT_REST_PORT", "8083")
                .containsEntry("CONNECT_PLUGIN_PATH", "/usr/share/java,/usr/share/confluent-hub-components")
                .containsEntry("FERRY_LOG_LEVEL", "WARN")
                .containsEntry("FERRY_LOGGERS", "org.apache.kafka.connect.runtime.rest=DEBUG,org.reflections=ERROR")
                .doesNotContainKeys("CONNECT_LOG4J_ROOT_LOGLEVEL", "CONNECT_LOG4J_LOGGERS");
        assertThat(launched.get("FERRY_OPTS")).contains("-Dcom.sun.management.jmxremote.port=9999",
                "-Dcom.sun.management.jmxremote.rmi.port=9999", "-Djava.rmi.server.hostname=worker-1",
                "-Dcom.sun.management.jmxremote.authenticate=false");

        // Variables set in Ferry's own names win over the image's.
        env.put("FERRY_HEAP_OPTS", "-Xmx512m");
        env.put("CLASSPATH", "/opt/extra/*");
        env.put("CONNECT_PLUGIN_PATH", "/plugins");
        env.put("FERRY_LOG_LEVEL", "DEBUG");
        Map<String, String> overridden = launchedEnv(Entrypoint.run(Entrypoint.SCRIPT, env));
        assertThat(overridden).containsEntry("FERRY_HEAP_OPTS", "-Xmx512m").containsEntry("CLASSPATH", "/opt/extra/*")
                .containsEntry("CONNECT_PLUGIN_PATH", "/plugins").containsEntry("FERRY_LOG_LEVEL", "DEBUG");
    }

    @Test
    void theRegistryModeChecksTheCpSchemaRegistryImagesVariables(@TempDir Path dir) throws Exception {
        Entrypoint.Result none = Entrypoint.run(Entrypoint.SCRIPT, Map.of("SCHEMA_REGISTRY_PORT", "8081"), "registry");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains(
                "environment variable \"SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS\" is not set",
                "environment variable \"SCHEMA_REGISTRY_HOST_NAME\" is not set",
                "PORT is deprecated. Use SCHEMA_REGISTRY_LISTENERS instead");

        Map<String, String> env = new LinkedHashMap<>();
        env.put("FERRY_HOME", Entrypoint.recordingHome(dir).toString());
        env.put("FERRY_MODE", "registry");
        env.put("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:9092");
        env.put("SCHEMA_REGISTRY_HOST_NAME", "schema-registry");
        env.put("SCHEMA_REGISTRY_HEAP_OPTS", "-Xmx256m");
        env.put("SCHEMA_REGISTRY_OPTS", "-Dregistry.probe=1");
        env.put("SCHEMA_REGISTRY_LOG4J_ROOT_LOGLEVEL", "ERROR");
        Entrypoint.Result result = Entrypoint.run(Entrypoint.SCRIPT, env);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).startsWith("ARGS: registry\n");
        // Read by the entrypoint for the JVM; they do not reach the registry as settings (heap.opts, ...).
        assertThat(launchedEnv(result)).containsEntry("FERRY_HEAP_OPTS", "-Xmx256m")
                .containsEntry("FERRY_OPTS", "-Dregistry.probe=1").containsEntry("FERRY_LOG_LEVEL", "ERROR")
                .containsEntry("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .doesNotContainKeys("SCHEMA_REGISTRY_HEAP_OPTS", "SCHEMA_REGISTRY_OPTS", "SCHEMA_REGISTRY_LOG4J_ROOT_LOGLEVEL");
    }

    @Test
    void ferrysOtherCommandsRunWithoutTheWorkersChecks(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("FERRY_HOME", Entrypoint.recordingHome(dir).toString());
        for (String command : List.of("plugin", "doctor", "standalone")) {
            Entrypoint.Result result = Entrypoint.run(Entrypoint.SCRIPT, env, command, "--help");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).startsWith("ARGS: " + command + " --help\n");
        }
    }

    @Test
    void anyOtherCommandRunsAsGiven_andAnUnknownModeIsAUsageError() throws Exception {
        Entrypoint.Result echo = Entrypoint.run(Entrypoint.SCRIPT, Map.of(), "echo", "installing plugins first");
        assertThat(echo.exitCode()).isZero();
        assertThat(echo.stdout()).isEqualTo("installing plugins first\n");
        Entrypoint.Result unknown = Entrypoint.run(Entrypoint.SCRIPT, Map.of("FERRY_MODE", "standalone"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("FERRY_MODE is 'standalone'; use FERRY_MODE=distributed");
    }

    @Test
    void theHealthCheckAsksThePortOfTheFirstListener_theRestPort_orTheRegistrysListener() throws Exception {
        int port = WorkerProcess.freePort();
        assertThat(healthUrl(Map.of("CONNECT_LISTENERS", "http://0.0.0.0:" + port + ",https://0.0.0.0:1")))
                .isEqualTo("http://localhost:" + port + "/health/ready");
        assertThat(healthUrl(Map.of("CONNECT_LISTENERS", "https://[::]:" + port)))
                .isEqualTo("https://localhost:" + port + "/health/ready");
        assertThat(healthUrl(Map.of("CONNECT_REST_PORT", Integer.toString(port))))
                .isEqualTo("http://localhost:" + port + "/health/ready");
        assertThat(healthUrl(Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:9092",
                "SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + port))).isEqualTo("http://localhost:" + port + "/");
        assertThat(healthUrl(Map.of("FERRY_MODE", "registry", "CONNECT_BOOTSTRAP_SERVERS", "kafka:9092",
                "SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + port))).isEqualTo("http://localhost:" + port + "/");
        assertThat(healthUrl(Map.of("FERRY_HEALTHCHECK_URL", "http://127.0.0.1:" + port + "/health")))
                .isEqualTo("http://127.0.0.1:" + port + "/health");
    }

    /** The URL the health check asked, from its answer when nothing listens there. */
    private static String healthUrl(Map<String, String> env) throws IOException, InterruptedException {
        Entrypoint.Result result = Entrypoint.run(Entrypoint.HEALTHCHECK, env);
        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(1);
        return result.stdout().replaceFirst("^\\S+ (\\S+) answered 000 \\(waiting for 200\\)\\n$", "$1");
    }

    @Test
    void aWorkerItStartsJoinsItsGroup_hasTheJarsDirOnItsClassPath_andPassesTheHealthCheck(KafkaBroker broker,
            @TempDir Path dir) throws Exception {
        Path jars = dir.resolve("jars");
        ProbePlugin.build(JARS_PROBE_SOURCE, "probe.JarsProbe", jars);
        int port = WorkerProcess.freePort();
        Map<String, String> env = Entrypoint.requiredWorkerEnv();
        env.put("CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("CONNECT_GROUP_ID", "entrypoint-it");
        env.put("CONNECT_CONFIG_STORAGE_TOPIC", "entrypoint-it-configs");
        env.put("CONNECT_OFFSET_STORAGE_TOPIC", "entrypoint-it-offsets");
        env.put("CONNECT_STATUS_STORAGE_TOPIC", "entrypoint-it-status");
        for (String topic : List.of("CONFIG", "OFFSET", "STATUS")) {
            env.put("CONNECT_" + topic + "_STORAGE_REPLICATION_FACTOR", "1");
        }
        env.put("CONNECT_REST_ADVERTISED_HOST_NAME", "127.0.0.1");
        env.put("CONNECT_REST_PORT", Integer.toString(port));
        env.put("CONNECT_PLUGIN_PATH", Files.createDirectories(dir.resolve("plugins")).toString());
        env.put("CONNECT_REST_EXTENSION_CLASSES", "probe.JarsProbe");
        env.put("FERRY_JARS_DIR", jars.toString());
        env.put("FERRY_HOME", WorkerProcess.distDir().toString());
        env.put("FERRY_CDS", "off");

        Map<String, String> healthEnv = Map.of("CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "CONNECT_REST_PORT", Integer.toString(port));
        Entrypoint.Result nothingThere = Entrypoint.run(Entrypoint.HEALTHCHECK, healthEnv);
        assertThat(nothingThere.exitCode()).isEqualTo(1);
        assertThat(nothingThere.stdout()).contains("http://localhost:" + port + "/health/ready answered 000");

        Path log = dir.resolve("worker.log");
        started = start(env, log);
        ConnectRest rest = new ConnectRest(port);
        WorkerProcess.awaitUntil(Duration.ofSeconds(60), "the worker ready on port " + port, () -> {
            assertThat(started.isAlive()).as(WorkerProcess.logText(log)).isTrue();
            return rest.get("/health/ready").statusCode() == 200;
        });
        Entrypoint.Result ready = Entrypoint.run(Entrypoint.HEALTHCHECK, healthEnv);
        assertThat(ready.exitCode()).as(ready.stdout()).isZero();
        // The REST extension's class is only in the jars directory, which the entrypoint put on the class path.
        assertThat(rest.get("/jars-probe").body()).isEqualTo("loaded from the jars directory");
        assertThat(rest.get("/").body()).contains("\"kafka_cluster_id\":\"" + broker.clusterId() + "\"");
    }

    @Test
    void aRegistryItStartsServes_andPassesTheHealthCheck(KafkaBroker broker, @TempDir Path dir) throws Exception {
        int port = WorkerProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_HOST_NAME", "127.0.0.1");
        env.put("SCHEMA_REGISTRY_LISTENERS", "http://127.0.0.1:" + port);
        env.put("SCHEMA_REGISTRY_HEAP_OPTS", "-Xmx256m -XX:+UseSerialGC");
        env.put("FERRY_HOME", WorkerProcess.distDir().toString());
        Path log = dir.resolve("registry.log");
        started = start(env, log, "registry");
        Map<String, String> healthEnv = Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SCHEMA_REGISTRY_LISTENERS", "http://127.0.0.1:" + port);
        WorkerProcess.awaitUntil(Duration.ofSeconds(60), "the registry on port " + port, () -> {
            assertThat(started.isAlive()).as(WorkerProcess.logText(log)).isTrue();
            return Entrypoint.run(Entrypoint.HEALTHCHECK, healthEnv).exitCode() == 0;
        });
        assertThat(new ConnectRest(port).get("/subjects").body()).isEqualTo("[]");
    }

    /** A REST extension whose class exists only in a jar of the image's jars directory. */
    private static final String JARS_PROBE_SOURCE = """
            package probe;

            import jakarta.ws.rs.GET;
            import jakarta.ws.rs.Path;
            import jakarta.ws.rs.Produces;
            import java.util.Map;
            import org.apache.kafka.connect.rest.ConnectRestExtension;
            import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

            public class JarsProbe implements ConnectRestExtension {
                public void configure(Map<String, ?> configs) {
                }

                public void register(ConnectRestExtensionContext context) {
                    context.configurable().register(new Resource());
                }

                public void close() {
                }

                public String version() {
                    return "1.0-jars-probe";
                }

                @Path("/jars-probe")
                public static class Resource {
                    @GET
                    @Produces("text/plain")
                    public String where() {
                        return "loaded from the jars directory";
                    }
                }
            }
            """;

    private static Entrypoint.Result printConfig(Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> withHome = new LinkedHashMap<>(env);
        withHome.put("FERRY_HOME", WorkerProcess.distDir().toString());
        return Entrypoint.run(Entrypoint.SCRIPT, withHome, "--print-config");
    }

    private static Map<String, String> launchedEnv(Entrypoint.Result recorded) {
        Map<String, String> env = new TreeMap<>();
        recorded.stdout().lines().skip(1).forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                env.put(l.substring(0, eq), l.substring(eq + 1));
            }
        });
        return env;
    }

    private static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("dash", Entrypoint.SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder.start();
    }
}

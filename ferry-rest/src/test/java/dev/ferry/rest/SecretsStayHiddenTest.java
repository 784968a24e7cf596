package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.rest.security.PasswordHashes;
import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.file.FileConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A worker's REST side run with known secrets — a user's password, a token given through a config
 * provider, a keystore password — and every log line (at DEBUG), every answer (bodies and headers)
 * and {@code /metrics} searched for them afterwards.
 */
class SecretsStayHiddenTest {
    private static final String PASSWORD = "Pw-7d1e0c5b2a94-known";
    private static final String TOKEN = "Tk-0f9e8d7c6b5a4938-known";
    private static final String HASH = PasswordHashes.hash(PASSWORD.toCharArray(), 10_000);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureEveryLogLineAtDebug() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        captured.setContext(logback);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restoreLogging() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(captured);
        root.setLevel(previousLevel);
    }

    @Test
    void noSecretInLogsAnswersOrMetrics() throws Exception {
        List<String> answers = new ArrayList<>();
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "rest.tokens=ci:admin:" + TOKEN + "\n");
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:9092");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("key.converter", "dev.ferry.runtime.converters.ByteArrayConverter");
        props.put("value.converter", "dev.ferry.runtime.converters.ByteArrayConverter");
        props.put("listeners", "http://127.0.0.1:0");
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("rest.authentication.users", "alice:admin:" + HASH);
        props.put("rest.authentication.tokens", "${file:" + secrets + ":rest.tokens}");
        props.put("ssl.keystore.password", PASSWORD);
        StandaloneConfig config = new StandaloneConfig(props); // logs its values, as a worker's start does
        ConnectMetrics metrics = ConnectMetrics.withDefaults("secret-worker", Time.SYSTEM);
        RestServer rest = new RestServer(RestSettings.fromWorkerConfig(config), Fixtures.herder()).withMetrics(metrics);
        TestServer server = new TestServer(rest);
        try {
            String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String wrongBasic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD + "x").getBytes(StandardCharsets.UTF_8));
            for (Map<String, String> headers : List.of(Map.of("Authorization", basic), Map.of("Authorization", wrongBasic),
                    Map.of("Authorization", "Bearer " + TOKEN), Map.of("Authorization", "Bearer " + TOKEN + "x"),
                    Map.of("Authorization", "Bearer " + PASSWORD), Map.<String, String>of())) {
                for (String[] call : new String[][] {{"GET", "/connectors?expand=status"}, {"GET", "/metrics"},
                        {"POST", "/connectors"}, {"GET", "/connectors/nope"}, {"PUT", "/admin/loggers/x"}}) {
                    HttpResponse<String> response = server.send(rest.advertisedUrl(), call[0], call[1],
                            call[0].equals("GET") ? null : "{\"name\":\"c\",\"config\":{\"password\":\"" + "${file:"
                                    + secrets + ":db}\"}}", headers);
                    answers.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
                }
            }
        } finally {
            server.close();
            metrics.close();
        }

        List<String> logLines = logLines();
        assertThat(String.join("\n", logLines)).as("the test saw the config and requests logged")
                .contains("rest.authentication.tokens = [hidden]").contains("\"GET /connectors");
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("200").contains("# TYPE"));
        for (String secret : List.of(PASSWORD, TOKEN, HASH.substring(HASH.lastIndexOf('$') + 1))) {
            assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(secret));
            assertThat(answers).noneSatisfy(answer -> assertThat(answer).contains(secret));
        }
    }

    /**
     * A connector whose producer settings take a password from a config provider, on a real solo
     * herder and worker: its task fails (the keystore the password is for does not exist), and the
     * failure's status trace, every REST answer about it and every log line name the problem but
     * never the resolved password.
     */
    @Test
    void noSecretInAFailedTasksStatusTraceAnswersOrLogs() throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "keystore.password=" + PASSWORD + "\n");
        String reference = "${file:" + secrets + ":keystore.password}";
        Plugins plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.SERVICE_LOAD);
        Path offsetsFile = dir.resolve("offsets");
        StandaloneConfig config = new StandaloneConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:9",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", offsetsFile.toString(),
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "listeners", "http://127.0.0.1:0"), plugins);
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(offsetsFile);
        offsets.start();
        ConnectMetrics metrics = ConnectMetrics.forWorker("secret-worker", config, null, Time.SYSTEM);
        ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
        String restUrl = "http://secret-worker:8083/";
        WorkerHerder herder = new WorkerHerder(new HerderParts("secret-worker", restUrl)
                .worker(listener -> new Worker("secret-worker", config, plugins, resolver, offsets, null, listener,
                        Time.SYSTEM, metrics))
                .plugins(plugins, new ConnectorConfigValidator(plugins, config, resolver,
                        plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy())), resolver)
                .configStore(FileConfigStore.besideOffsets(offsetsFile))
                .membership((work, listener) -> new SoloMembership(restUrl, work, listener))
                .offsets(new ConnectorOffsetsEditor(offsets, () -> {
                    throw new IllegalStateException("no broker in this test");
                }, plugins)));
        RestServer rest = new RestServer(RestSettings.fromWorkerConfig(config), herder).withMetrics(metrics);
        List<String> answers = new ArrayList<>();
        String trace;
        try (TestServer server = new TestServer(rest)) {
            herder.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String body = "{\"connector.class\":\"dev.ferry.rest.hostile.IdleSourceConnector\",\"topic\":\"t\","
                    + "\"producer.override.security.protocol\":\"SSL\","
                    + "\"producer.override.ssl.keystore.location\":\"" + dir.resolve("missing.jks") + "\","
                    + "\"producer.override.ssl.keystore.password\":\"" + reference + "\","
                    + "\"producer.override.ssl.key.password\":\"" + reference + "\"}";
            HttpResponse<String> created = server.send("POST", "/connectors", "{\"name\":\"leaky\",\"config\":" + body + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> status = server.send("GET", "/connectors/leaky/status", null);
            while (!status.body().contains("\"FAILED\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = server.send("GET", "/connectors/leaky/status", null);
            }
            trace = status.body();
            for (String[] call : new String[][] {{"GET", "/connectors/leaky/status"},
                    {"GET", "/connectors/leaky/tasks/0/status"}, {"GET", "/connectors?expand=status&expand=info"},
                    {"GET", "/connectors/leaky/tasks"}, {"GET", "/connectors/leaky/config"}, {"GET", "/metrics"},
                    {"POST", "/connectors/leaky/tasks/0/restart"},
                    {"PUT", "/connector-plugins/IdleSourceConnector/config/validate"}}) {
                HttpResponse<String> response = server.send(call[0], call[1],
                        call[0].equals("PUT") ? body.replace("{\"connector.class", "{\"name\":\"leaky\",\"connector.class")
                                : null);
                answers.add(call[1] + " " + response.statusCode() + " " + response.headers().map() + " " + response.body());
            }
        } finally {
            herder.stop();
            metrics.close();
            offsets.close();
            plugins.close();
        }

        assertThat(trace).as("the task failed, and its trace says why").contains("\"FAILED\"").contains("keystore");
        List<String> logLines = logLines();
        assertThat(logLines).as("the failure was logged").anySatisfy(line -> assertThat(line).contains("leaky"));
        assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(PASSWORD));
        assertThat(answers).noneSatisfy(answer -> assertThat(answer).contains(PASSWORD));
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            lines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        return lines;
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.rest.security.PasswordHashes;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.metrics.ConnectMetrics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
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

    @Test
    void noSecretInLogsAnswersOrMetrics() throws Exception {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logback);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        List<String> answers = new ArrayList<>();
        try {
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
        } finally {
            root.detachAppender(captured);
            root.setLevel(previous);
        }

        List<String> logLines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            logLines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(String.join("\n", logLines)).as("the test saw the config and requests logged")
                .contains("rest.authentication.tokens = [hidden]").contains("\"GET /connectors");
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("200").contains("# TYPE"));
        for (String secret : List.of(PASSWORD, TOKEN, HASH.substring(HASH.lastIndexOf('$') + 1))) {
            assertThat(logLines).noneSatisfy(line -> assertThat(line).contains(secret));
            assertThat(answers).noneSatisfy(answer -> assertThat(answer).contains(secret));
        }
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact JSON of every response shape against golden files written to Apache Connect
 * 4.3.1's wire format (field names, order, omitted fields), plus the status code of each answer.
 */
class RestApiGoldenTest {
    static final long NOW = 1_795_459_598_959L;

    private TestServer server;

    @BeforeEach
    void start() {
        LoggerContext logback = new LoggerContext();
        logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        logback.getLogger("org.apache.kafka.clients").setLevel(Level.WARN);
        logback.getLogger("dev.ferry.runtime");
        LogLevels levels = new LogLevels(logback, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        RestSettings settings = RestSettings.fromWorkerConfig(TestServer.localConfig())
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300));
        server = new TestServer(Fixtures.herder(), settings, levels);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertGolden(HttpResponse<String> response, int status, String file) {
        assertThat(response.statusCode()).as("status of %s", file).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Golden.assertMatches(file, response.body());
    }

    /** JAX-RS's own errors (no route, wrong method) carry a JSON body but no Content-Type in Apache's answers. */
    private void assertUntypedGolden(HttpResponse<String> response, int status, String file) {
        assertThat(response.statusCode()).as("status of %s", file).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of %s", file).isEmpty();
        Golden.assertMatches(file, response.body());
    }

    @Test
    void serverInfo_matchesGolden() {
        assertGolden(server.get("/"), 200, "server-info.json");
    }

    @Test
    void healthyWorker_matchesGolden() {
        assertGolden(server.get("/health"), 200, "worker-status-healthy.json");
    }

    @Test
    void startingWorker_answers503WithGolden() {
        server.herder.health = new dev.ferry.runtime.herder.Herder.WorkerHealth("starting",
                "Worker is still starting up.");
        assertGolden(server.get("/health"), 503, "worker-status-starting.json");
    }

    @Test
    void unresponsiveWorker_answers500WithGolden() {
        server.herder.hang = true;
        assertGolden(server.get("/health"), 500, "worker-status-unhealthy.json");
    }

    @Test
    void connectorList_matchesGolden() {
        assertGolden(server.get("/connectors"), 200, "connector-names.json");
    }

    @Test
    void connectorListExpandedWithStatusAndInfo_matchesGolden() {
        assertGolden(server.get("/connectors?expand=info&expand=status"), 200, "connectors-expand-status-info.json");
    }

    @Test
    void connectorInfo_matchesGolden() {
        assertGolden(server.get("/connectors/local-file-source"), 200, "connector-info.json");
    }

    @Test
    void createdConnector_matchesGolden() {
        String body = "{\"name\":\"  new-source \",\"config\":{\"connector.class\":\"FileStreamSource\","
                + "\"tasks.max\":1,\"file\":\"/tmp/new.txt\",\"topic\":\"new\"}}";
        assertGolden(server.send("POST", "/connectors", body), 201, "connector-info-created.json");
    }

    @Test
    void connectorConfig_matchesGolden() {
        assertGolden(server.get("/connectors/local-file-source/config"), 200, "connector-config.json");
    }

    @Test
    void runningConnectorStatus_matchesGolden() {
        assertGolden(server.get("/connectors/local-file-source/status"), 200, "connector-state-running.json");
    }

    @Test
    void failedTaskStatus_showsTraceAndSortsTasks() {
        assertGolden(server.get("/connectors/failing-sink/status"), 200, "connector-state-failed.json");
    }

    @Test
    void singleTaskStatus_matchesGolden() {
        assertGolden(server.get("/connectors/failing-sink/tasks/0/status"), 200, "task-state-failed.json");
    }

    @Test
    void plannedRestart_matchesGolden() {
        assertGolden(server.send("POST", "/connectors/failing-sink/restart?includeTasks=true&onlyFailed=true", null),
                202, "connector-state-restarting.json");
    }

    @Test
    void taskConfigs_matchGolden() {
        assertGolden(server.get("/connectors/local-file-source/tasks"), 200, "task-info-list.json");
    }

    @Test
    void activeTopics_matchGolden() {
        assertGolden(server.get("/connectors/local-file-source/topics"), 200, "active-topics.json");
    }

    @Test
    void sourceOffsets_matchGolden() {
        assertGolden(server.get("/connectors/local-file-source/offsets"), 200, "connector-offsets-source.json");
    }

    @Test
    void sinkOffsets_matchGolden() {
        assertGolden(server.get("/connectors/failing-sink/offsets"), 200, "connector-offsets-sink.json");
    }

    @Test
    void alteredOffsetsMessage_matchesGolden() {
        server.send("PUT", "/connectors/failing-sink/stop", null);
        String body = "{\"offsets\":[{\"partition\":{\"kafka_topic\":\"lines\",\"kafka_partition\":0},"
                + "\"offset\":{\"kafka_offset\":5}}]}";
        assertGolden(server.send("PATCH", "/connectors/failing-sink/offsets", body), 200,
                "message-offsets-altered.json");
    }

    @Test
    void resetOffsetsOfConnectorWithExternalOffsets_matchesGolden() {
        server.herder.offsetsAcknowledged = false;
        server.send("PUT", "/connectors/local-file-source/stop", null);
        assertGolden(server.send("DELETE", "/connectors/local-file-source/offsets", null), 200,
                "message-offsets-reset-external.json");
    }

    @Test
    void allPlugins_matchGolden() {
        assertGolden(server.get("/connector-plugins?connectorsOnly=false"), 200, "plugin-info-list.json");
    }

    @Test
    void connectorPlugins_matchGolden() {
        assertGolden(server.get("/connector-plugins"), 200, "plugin-info-connectors.json");
    }

    @Test
    void pluginConfig_matchesGolden() {
        assertGolden(server.get("/connector-plugins/FileStreamSource/config"), 200, "config-key-info-list.json");
    }

    @Test
    void validation_matchesGoldenWithErrorsAndUndefinedKeys() {
        String body = "{\"connector.class\":\"FileStreamSource\",\"tasks.max\":\"0\",\"no.such.setting\":\"x\"}";
        assertGolden(server.send("PUT", "/connector-plugins/FileStreamSourceConnector/config/validate", body), 200,
                "config-infos.json");
    }

    @Test
    void loggerLevels_matchGolden() {
        assertGolden(server.get("/admin/loggers"), 200, "logger-levels.json");
    }

    @Test
    void changedLoggerLevel_matchesGolden() {
        server.send("PUT", "/admin/loggers/org.apache.kafka", "{\"level\":\"DEBUG\"}");
        assertGolden(server.get("/admin/loggers/org.apache.kafka.clients"), 200, "logger-level-modified.json");
    }

    @Test
    void loggerChange_listsChangedLoggers() {
        assertGolden(server.send("PUT", "/admin/loggers/org.apache", "{\"level\":\"WARN\"}"), 200,
                "logger-change-list.json");
    }

    @Test
    void nameMismatch_answers400WithGolden() {
        assertGolden(server.send("PUT", "/connectors/local-file-source/config",
                "{\"connector.class\":\"FileStreamSource\",\"name\":\"other\"}"), 400, "error-400.json");
    }

    @Test
    void disabledTopicTracking_answers403WithGolden() {
        server.close();
        server = new TestServer(Fixtures.herder(), java.util.Map.of("listeners", "http://127.0.0.1:0",
                "topic.tracking.enable", "false"), null);
        assertGolden(server.get("/connectors/local-file-source/topics"), 403, "error-403.json");
    }

    @Test
    void unknownConnector_answers404WithGolden() {
        assertGolden(server.get("/connectors/nope"), 404, "error-404.json");
    }

    @Test
    void unknownRoute_answers404WithGolden() {
        assertUntypedGolden(server.get("/connectors/local-file-source/tasks-config"), 404, "error-404-route.json");
    }

    @Test
    void wrongMethod_answers405WithGolden() {
        assertUntypedGolden(server.send("DELETE", "/connectors", null), 405, "error-405.json");
    }

    @Test
    void existingConnector_answers409WithGolden() {
        assertGolden(server.send("POST", "/connectors",
                "{\"name\":\"local-file-source\",\"config\":{\"connector.class\":\"FileStreamSource\"}}"),
                409, "error-409.json");
    }

    @Test
    void internalTaskConfigs_answer500WithGolden() {
        assertGolden(server.send("POST", "/connectors/local-file-source/tasks", "[]"), 500, "error-500.json");
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.TargetState;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status codes, headers and herder interactions of the {@code /connectors} endpoints. */
class ConnectorsApiTest {
    private TestServer server;
    private FakeHerder herder;

    @BeforeEach
    void start() {
        herder = Fixtures.herder();
        server = new TestServer(herder, RestSettings.fromWorkerConfig(TestServer.localConfig())
                .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void create_answers201WithAbsoluteLocationOfTheTrimmedName() {
        HttpResponse<String> response = server.send("POST", "/connectors",
                "{\"name\":\" my source \",\"config\":{\"connector.class\":\"FileStreamSource\"}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location"))
                .hasValue(server.server.advertisedUrl().resolve("/connectors/my%20source").toString());
        assertThat(herder.configs.get("my source")).containsEntry("name", "my source");
    }

    @Test
    void create_passesInitialStateCaseInsensitively() {
        server.send("POST", "/connectors",
                "{\"name\":\"s\",\"config\":{\"connector.class\":\"X\"},\"initial_state\":\"stopped\"}");

        assertThat(herder.targetStates.get("s")).isEqualTo(TargetState.STOPPED);
    }

    @Test
    void create_withoutInitialState_asksForNoTargetState() {
        // The herder starts it; a distributed one then writes no target-state record, as Apache.
        server.send("POST", "/connectors", "{\"name\":\"s\",\"config\":{\"connector.class\":\"X\"}}");

        assertThat(herder.targetStates).containsKey("s");
        assertThat(herder.targetStates.get("s")).isNull();
    }

    @Test
    void create_withConfigNameDifferentFromName_answers400() {
        HttpResponse<String> response = server.send("POST", "/connectors",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"X\",\"name\":\"b\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Connector name configuration (b) doesn't match connector name in the URL (a)");
    }

    @Test
    void create_withInvalidConfig_answers400WithTheHerdersMessage() {
        HttpResponse<String> response = server.send("POST", "/connectors", "{\"name\":\"a\",\"config\":{}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("contains no connector type");
    }

    @Test
    void malformedJson_answers400NamingTheMistake() {
        HttpResponse<String> response = server.send("POST", "/connectors", "{\"name\":\"a\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error_code\":400").contains("not valid JSON").contains("line 1");
    }

    @Test
    void configAsArray_answers400NamingTheField() {
        HttpResponse<String> response = server.send("POST", "/connectors", "{\"name\":\"a\",\"config\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\\\"config\\\" must be a JSON object");
    }

    @Test
    void unknownCreateField_answers400() {
        HttpResponse<String> response = server.send("POST", "/connectors",
                "{\"name\":\"a\",\"configs\":{\"connector.class\":\"X\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unknown field 'configs'");
    }

    @Test
    void nestedConfigValue_answers400NamingTheKey() {
        HttpResponse<String> response = server.send("PUT", "/connectors/a/config",
                "{\"connector.class\":\"X\",\"topics\":[\"a\",\"b\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'topics' must be a string");
    }

    @Test
    void emptyBody_answers400() {
        HttpResponse<String> response = server.send("PUT", "/connectors/a/config", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("request body is empty");
    }

    @Test
    void putConfig_answers201WhenCreatedAnd200WhenReplaced() {
        String config = "{\"connector.class\":\"FileStreamSource\",\"tasks.max\":2}";

        HttpResponse<String> created = server.send("PUT", "/connectors/fresh/config", config);
        HttpResponse<String> replaced = server.send("PUT", "/connectors/fresh/config", config);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/connectors/fresh"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("Location")).isEmpty();
        assertThat(herder.configs.get("fresh")).containsEntry("tasks.max", "2").containsEntry("name", "fresh");
    }

    @Test
    void patchConfig_removesKeysWithNullValues() {
        HttpResponse<String> response = server.send("PATCH", "/connectors/local-file-source/config",
                "{\"file\":null,\"tasks.max\":\"3\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(herder.configs.get("local-file-source")).doesNotContainKey("file").containsEntry("tasks.max", "3");
    }

    @Test
    void patchConfig_ofUnknownConnector_answers404() {
        assertThat(server.send("PATCH", "/connectors/nope/config", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void delete_answers204() {
        HttpResponse<String> response = server.send("DELETE", "/connectors/local-file-source", null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(herder.configs).doesNotContainKey("local-file-source");
    }

    @Test
    void plainRestart_answers204AndRestartsOnlyTheConnector() {
        HttpResponse<String> response = server.send("POST", "/connectors/failing-sink/restart", null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(herder.restarts).containsExactly(new RestartRequest("failing-sink", false, false));
    }

    @Test
    void restartWithTasks_answers202WithThePlannedStates() {
        HttpResponse<String> response = server.send("POST", "/connectors/failing-sink/restart?includeTasks=true", null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("RESTARTING");
        assertThat(herder.restarts).containsExactly(new RestartRequest("failing-sink", false, true));
    }

    @Test
    void restartOfUnknownConnector_answers404() {
        HttpResponse<String> response = server.send("POST", "/connectors/nope/restart", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unknown connector: nope");
    }

    @Test
    void pauseAndResume_answer202_stop_answers204() {
        assertThat(server.send("PUT", "/connectors/local-file-source/pause", null).statusCode()).isEqualTo(202);
        assertThat(herder.targetStates.get("local-file-source")).isEqualTo(TargetState.PAUSED);
        assertThat(server.send("PUT", "/connectors/local-file-source/resume", null).statusCode()).isEqualTo(202);
        assertThat(herder.targetStates.get("local-file-source")).isEqualTo(TargetState.STARTED);
        assertThat(server.send("PUT", "/connectors/local-file-source/stop", null).statusCode()).isEqualTo(204);
        assertThat(herder.targetStates.get("local-file-source")).isEqualTo(TargetState.STOPPED);
    }

    @Test
    void taskRestart_answers204_andNonNumericTask_answers404() {
        assertThat(server.send("POST", "/connectors/failing-sink/tasks/0/restart", null).statusCode()).isEqualTo(204);
        HttpResponse<String> notANumber = server.send("POST", "/connectors/failing-sink/tasks/x/restart", null);
        assertThat(notANumber.statusCode()).isEqualTo(404);
        assertThat(notANumber.body()).contains("HTTP 404 Not Found");
    }

    @Test
    void unknownTaskStatus_answers404() {
        HttpResponse<String> response = server.get("/connectors/failing-sink/tasks/7/status");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No status found for task failing-sink-7");
    }

    @Test
    void topicsReset_answers202() {
        assertThat(server.send("PUT", "/connectors/local-file-source/topics/reset", null).statusCode()).isEqualTo(202);
        assertThat(herder.activeTopics).doesNotContainKey("local-file-source");
    }

    @Test
    void topicsReset_whenResetDisabled_answers403() {
        server.close();
        server = new TestServer(herder, java.util.Map.of("listeners", "http://127.0.0.1:0",
                "topic.tracking.allow.reset", "false"), null);

        HttpResponse<String> response = server.send("PUT", "/connectors/local-file-source/topics/reset", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Topic tracking reset is disabled.");
    }

    @Test
    void alterOffsetsWithoutOffsets_answers400WithApachesMessage() {
        HttpResponse<String> response = server.send("PATCH", "/connectors/local-file-source/offsets", "{\"offsets\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Partitions / offsets need to be provided for an alter offsets request");
    }

    @Test
    void alterOffsetsOfRunningConnector_answers400() {
        HttpResponse<String> response = server.send("PATCH", "/connectors/local-file-source/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"/tmp/in.txt\"},\"offset\":null}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("must be in the STOPPED state");
    }

    @Test
    void alterOffsets_passesNullOffsetsThrough() {
        server.send("PUT", "/connectors/local-file-source/stop", null);

        HttpResponse<String> response = server.send("PATCH", "/connectors/local-file-source/offsets",
                "{\"offsets\":[{\"partition\":{\"filename\":\"/tmp/in.txt\"},\"offset\":null}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(herder.offsets.get("local-file-source").offsets().get(0).offset()).isNull();
    }

    @Test
    void herderThatDoesNotAnswer_timesOutWith500() {
        herder.hang = true;

        HttpResponse<String> response = server.get("/connectors/local-file-source");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("\"message\":\"Request timed out.");
    }

    @Test
    void expandWithUnknownValue_listsConnectorsWithEmptyExpansions() {
        HttpResponse<String> response = server.get("/connectors?expand=nothing");

        assertThat(Golden.canonical(response.body())).isEqualTo("{\"failing-sink\":{},\"local-file-source\":{}}");
    }

    @Test
    void fence_answersStandalones500() {
        HttpResponse<String> response = server.send("PUT", "/connectors/local-file-source/fence", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Kafka Connect in standalone mode does not support exactly-once source connectors.");
    }
}

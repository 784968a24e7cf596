package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.util.Base64;
import java.util.Map;

/**
 * Keys and values of the config topic, byte for byte as Apache Connect 4.x writes them (keys are
 * UTF-8 strings, values compact JSON):
 * <pre>
 * connector-&lt;c&gt;          {"properties":{...}}
 * task-&lt;c&gt;-&lt;n&gt;           {"properties":{...}}
 * commit-&lt;c&gt;             {"tasks":1}
 * target-state-&lt;c&gt;       {"state":"PAUSED","state.v2":"STOPPED"}
 * session-key            {"key":"&lt;base64&gt;","algorithm":"HmacSHA256","creation-timestamp":1795459534714}
 * restart-connector-&lt;c&gt;  {"include-tasks":true,"only-failed":false}
 * logger-cluster-&lt;ns&gt;    {"level":"DEBUG"}
 * tasks-fencing-&lt;c&gt;      {"task-count":3}
 * </pre>
 * STOPPED is written with {@code "state":"PAUSED"} too, which is what workers older than the
 * STOPPED state understand; readers prefer {@code state.v2}.
 */
final class ConfigRecords {
    static final String CONNECTOR_PREFIX = "connector-";
    static final String TASK_PREFIX = "task-";
    static final String COMMIT_PREFIX = "commit-";
    static final String TARGET_STATE_PREFIX = "target-state-";
    static final String SESSION_KEY = "session-key";
    static final String RESTART_PREFIX = "restart-connector-";
    static final String LOGGER_PREFIX = "logger-cluster-";
    /** KIP-618 task-count records; only exactly-once source support uses them. */
    static final String TASK_COUNT_PREFIX = "tasks-fencing-";

    private ConfigRecords() {
    }

    static String connectorKey(String connector) {
        return CONNECTOR_PREFIX + connector;
    }

    static String taskKey(ConnectorTaskId task) {
        return TASK_PREFIX + task.connector() + "-" + task.task();
    }

    static String commitKey(String connector) {
        return COMMIT_PREFIX + connector;
    }

    static String targetStateKey(String connector) {
        return TARGET_STATE_PREFIX + connector;
    }

    static String restartKey(String connector) {
        return RESTART_PREFIX + connector;
    }

    static String loggerKey(String namespace) {
        return LOGGER_PREFIX + namespace;
    }

    static String taskCountKey(String connector) {
        return TASK_COUNT_PREFIX + connector;
    }

    /** A connector or task config. */
    static byte[] properties(Map<String, String> config) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeFieldName("properties");
            InternalJson.writeStringMap(json, config);
            json.writeEndObject();
        });
    }

    static byte[] commit(int tasks) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeNumberField("tasks", tasks);
            json.writeEndObject();
        });
    }

    static byte[] targetState(TargetState state) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("state", state == TargetState.STOPPED ? TargetState.PAUSED.name() : state.name());
            json.writeStringField("state.v2", state.name());
            json.writeEndObject();
        });
    }

    static byte[] sessionKey(SessionKey key) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("key", Base64.getEncoder().encodeToString(key.key().getEncoded()));
            json.writeStringField("algorithm", key.key().getAlgorithm());
            json.writeNumberField("creation-timestamp", key.creationTimestamp());
            json.writeEndObject();
        });
    }

    static byte[] restartRequest(RestartRequest request) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeBooleanField("include-tasks", request.includeTasks());
            json.writeBooleanField("only-failed", request.onlyFailed());
            json.writeEndObject();
        });
    }

    static byte[] loggerLevel(String level) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("level", level);
            json.writeEndObject();
        });
    }

    /** A KIP-618 task-count record: how many task producers the leader fenced for and let start. */
    static byte[] taskCount(int tasks) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeNumberField("task-count", tasks);
            json.writeEndObject();
        });
    }

    /** The task of a {@code task-<connector>-<n>} key (connector names may contain dashes), or null. */
    static ConnectorTaskId parseTaskKey(String key) {
        return ConnectorTaskId.parse(key.substring(TASK_PREFIX.length()));
    }
}

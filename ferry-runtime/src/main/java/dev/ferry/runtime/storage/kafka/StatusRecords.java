package dev.ferry.runtime.storage.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import java.io.IOException;

/**
 * Keys and values of the status topic, byte for byte as Apache Connect 4.x writes them:
 * <pre>
 * status-connector-&lt;name&gt;              {"state":"RUNNING","trace":null,"worker_id":"host:8083","generation":3,"version":"4.3.1"}
 * status-task-&lt;name&gt;-&lt;n&gt;               (the same shape)
 * status-topic-&lt;topic&gt;:connector-&lt;name&gt; {"topic":{"name":"t1","connector":"src1","task":0,"discoverTimestamp":1795459550578}}
 * </pre>
 * A DESTROYED status, and a reset of a connector's topics, is a tombstone. Records written before
 * 4.1 have no {@code version}; they read as a null version.
 */
final class StatusRecords {
    static final String CONNECTOR_PREFIX = "status-connector-";
    static final String TASK_PREFIX = "status-task-";
    static final String TOPIC_PREFIX = "status-topic-";
    static final String TOPIC_SEPARATOR = ":connector-";

    private StatusRecords() {
    }

    /** One entry of a connector's active topics (KIP-558). */
    record ActiveTopic(String topic, String connector, int task, long discoverTimestamp) {
    }

    static String connectorKey(String connector) {
        return CONNECTOR_PREFIX + connector;
    }

    static String taskKey(ConnectorTaskId task) {
        return TASK_PREFIX + task.connector() + "-" + task.task();
    }

    static String topicKey(String topic, String connector) {
        return TOPIC_PREFIX + topic + TOPIC_SEPARATOR + connector;
    }

    /** The value of a status; null (a tombstone) for DESTROYED. */
    static byte[] status(InstanceStatus status) {
        if (status.state() == State.DESTROYED) {
            return null;
        }
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("state", status.state().name());
            json.writeStringField("trace", status.trace());
            json.writeStringField("worker_id", status.workerId());
            json.writeNumberField("generation", status.generation());
            json.writeStringField("version", status.version());
            json.writeEndObject();
        });
    }

    static byte[] activeTopic(ActiveTopic topic) {
        return InternalJson.write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("topic");
            json.writeStringField("name", topic.topic());
            json.writeStringField("connector", topic.connector());
            json.writeNumberField("task", topic.task());
            json.writeNumberField("discoverTimestamp", topic.discoverTimestamp());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** The task named by a {@code status-task-} key, or null if it does not end in {@code -<number>}. */
    static ConnectorTaskId parseTaskKey(String key) {
        return ConnectorTaskId.parse(key.substring(TASK_PREFIX.length()));
    }

    /** The {@code [topic, connector]} of a {@code status-topic-} key, or null if it is malformed. */
    static String[] parseTopicKey(String key) {
        int separator = key.indexOf(TOPIC_SEPARATOR, TOPIC_PREFIX.length());
        if (separator <= TOPIC_PREFIX.length()) {
            return null;
        }
        String topic = key.substring(TOPIC_PREFIX.length(), separator);
        String connector = key.substring(separator + TOPIC_SEPARATOR.length());
        return connector.isEmpty() ? null : new String[] {topic, connector};
    }

    /** A status value; throws if it is not of the status shape. */
    static InstanceStatus parseStatus(byte[] value) throws IOException {
        JsonNode json = InternalJson.read(value);
        if (json == null || !json.isObject() || !json.path("state").isTextual() || !json.path("generation").canConvertToInt()) {
            throw new IOException("not a status record: " + InternalJson.utf8(value));
        }
        return new InstanceStatus(State.valueOf(json.get("state").textValue()), text(json, "worker_id"),
                text(json, "trace"), text(json, "version"), json.get("generation").intValue());
    }

    /** An active-topic value; throws if it is not of that shape. */
    static ActiveTopic parseActiveTopic(byte[] value) throws IOException {
        JsonNode json = InternalJson.read(value);
        JsonNode topic = json == null ? null : json.get("topic");
        if (topic == null || !topic.isObject() || !topic.path("name").isTextual()) {
            throw new IOException("not a topic status record: " + InternalJson.utf8(value));
        }
        return new ActiveTopic(topic.get("name").textValue(), text(topic, "connector"), topic.path("task").asInt(),
                topic.path("discoverTimestamp").asLong());
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}

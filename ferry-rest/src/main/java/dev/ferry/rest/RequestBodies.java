package dev.ferry.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.TargetState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies into domain values. Apache lets Jackson fail deep inside Jersey and answers
 * 500 with the parser's text; Ferry answers 400 naming what is wrong and what to send instead.
 * Scalars in a config map are accepted and turned into text, as Apache's Jackson does for
 * {@code Map<String,String>} ({@code "tasks.max": 1} means {@code "1"}).
 */
final class RequestBodies {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "config", "initial_state");

    private final ObjectMapper mapper;

    RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body of {@code POST /connectors}. */
    record CreateRequest(String name, Map<String, String> config, TargetState initialState) {
    }

    CreateRequest createRequest(String body) {
        String example = "{\"name\":\"my-connector\",\"config\":{\"connector.class\":\"…\"}}";
        JsonNode root = object(body, example);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!CREATE_FIELDS.contains(field)) {
                throw RestException.badRequest("Unknown field '" + field + "' in the request body: a create request "
                        + "has only \"name\", \"config\" and \"initial_state\", e.g. " + example);
            }
        }
        String name = optionalText(root, "name", example);
        JsonNode config = root.get("config");
        if (config == null || config.isNull()) {
            throw RestException.badRequest("The request body has no \"config\": send the connector configuration "
                    + "as an object, e.g. " + example);
        }
        if (!config.isObject()) {
            throw RestException.badRequest("\"config\" must be a JSON object of configuration names to values, not "
                    + describe(config) + ", e.g. " + example);
        }
        String state = optionalText(root, "initial_state", "{\"initial_state\":\"PAUSED\"}");
        return new CreateRequest(name, stringMap(config, example),
                state == null ? null : TargetState.fromInitialState(state));
    }

    /** A flat configuration map, as sent to {@code PUT …/config}, {@code PATCH …/config} and validate. */
    Map<String, String> configMap(String body) {
        String example = "{\"connector.class\":\"…\",\"tasks.max\":\"1\"}";
        return stringMap(object(body, example), example);
    }

    /** The body of {@code PATCH /connectors/{c}/offsets}; null when it lists no offsets. */
    ConnectorOffsets offsets(String body) {
        String example = "{\"offsets\":[{\"partition\":{…},\"offset\":{…}}]}";
        JsonNode root = object(body, example);
        JsonNode offsets = root.get("offsets");
        if (offsets == null || offsets.isNull()) {
            return null;
        }
        if (!offsets.isArray()) {
            throw RestException.badRequest("\"offsets\" must be an array, not " + describe(offsets) + ", e.g. " + example);
        }
        List<ConnectorOffsets.Entry> entries = new ArrayList<>();
        for (JsonNode entry : offsets) {
            if (!entry.isObject()) {
                throw RestException.badRequest("Each element of \"offsets\" must be an object with \"partition\" and "
                        + "\"offset\", not " + describe(entry) + ", e.g. " + example);
            }
            entries.add(new ConnectorOffsets.Entry(optionalObject(entry, "partition", example),
                    optionalObject(entry, "offset", example)));
        }
        return new ConnectorOffsets(entries);
    }

    /** The body of the internal {@code POST /connectors/{c}/tasks}: an array of task configurations. */
    List<Map<String, String>> taskConfigs(byte[] body) {
        String example = "[{\"task.class\":\"…\"}]";
        JsonNode root = parse(body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8), example);
        if (!root.isArray()) {
            throw RestException.badRequest("The request body must be a JSON array of task configurations, not "
                    + describe(root) + ", e.g. " + example);
        }
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode task : root) {
            if (!task.isObject()) {
                throw RestException.badRequest("Each task configuration must be a JSON object of strings, not "
                        + describe(task) + ", e.g. " + example);
            }
            result.add(stringMap(task, example));
        }
        return result;
    }

    /** The {@code level} of a {@code PUT /admin/loggers/{name}} body, or null when absent. */
    String level(String body) {
        String example = "{\"level\":\"DEBUG\"}";
        return optionalText(object(body, example), "level", example);
    }

    private JsonNode object(String body, String example) {
        JsonNode root = parse(body, example);
        if (!root.isObject()) {
            throw RestException.badRequest("The request body must be a JSON object, not " + describe(root)
                    + ", e.g. " + example);
        }
        return root;
    }

    private JsonNode parse(String body, String example) {
        if (body == null || body.isBlank()) {
            throw RestException.badRequest("The request body is empty: send " + (example.startsWith("[") ? "a JSON array"
                    : "a JSON object") + ", e.g. " + example);
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw RestException.badRequest("The request body is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + ". Send " + (example.startsWith("[") ? "a JSON array" : "a JSON object") + ", e.g. " + example);
        }
        if (root == null || root.isMissingNode()) {
            throw RestException.badRequest("The request body is empty: send a JSON value, e.g. " + example);
        }
        UnpairedSurrogates.refuse(root);
        return root;
    }

    private static Map<String, String> stringMap(JsonNode object, String example) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw RestException.badRequest("The value of '" + field.getKey() + "' must be a string, not "
                        + describe(value) + "; write lists as comma-separated strings, e.g. " + example);
            }
            result.put(field.getKey(), value.isNull() ? null : value.asText());
        }
        return result;
    }

    private static String optionalText(JsonNode object, String field, String example) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw RestException.badRequest("\"" + field + "\" must be a string, not " + describe(value)
                    + ", e.g. " + example);
        }
        return value.asText();
    }

    private Map<String, Object> optionalObject(JsonNode object, String field, String example) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw RestException.badRequest("\"" + field + "\" must be a JSON object, not " + describe(value)
                    + ", e.g. " + example);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.convertValue(value, Map.class);
        return map;
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

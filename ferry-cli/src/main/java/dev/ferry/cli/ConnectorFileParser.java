package dev.ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.model.TargetState;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the connector files that {@code ferry standalone} takes after the worker properties, in
 * the three forms {@code connect-standalone} accepts: a JSON object of string settings (with
 * {@code name}), a JSON create request {@code {"name", "config", "initial_state"}}, or a Java
 * properties file (with {@code name}). A file that fits none of them is rejected with a message
 * saying which forms are accepted and what was wrong.
 */
final class ConnectorFileParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorFileParser() {
    }

    static ConnectorDefinition parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read connector file " + file + ": " + e.getMessage());
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return parseJson(file, trimmed);
        }
        return parseProperties(file, text);
    }

    private static ConnectorDefinition parseJson(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.CONFIG, "Connector file " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "). Fix the JSON or write the file as Java properties.");
        }
        if (root.has("config") && root.get("config").isObject()) {
            Map<String, String> config = strings(file, root.get("config"));
            String name = root.hasNonNull("name") ? root.get("name").asText() : config.get("name");
            TargetState state = root.hasNonNull("initial_state")
                    ? initialState(file, root.get("initial_state").asText()) : TargetState.STARTED;
            return definition(file, name, config, state);
        }
        Map<String, String> config = strings(file, root);
        return definition(file, config.get("name"), config, TargetState.STARTED);
    }

    private static ConnectorDefinition parseProperties(Path file, String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, "Connector file " + file + " is neither JSON nor a valid "
                    + "properties file: " + e.getMessage());
        }
        Map<String, String> config = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> config.put(k, props.getProperty(k).strip()));
        return definition(file, config.get("name"), config, TargetState.STARTED);
    }

    private static ConnectorDefinition definition(Path file, String name, Map<String, String> config, TargetState state) {
        if (name == null || name.isBlank()) {
            throw new CliException(ExitCode.CONFIG, "Connector file " + file + " does not name the connector: add "
                    + "a 'name' setting (for example name=my-connector).");
        }
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", name.strip());
        return new ConnectorDefinition(name.strip(), withName, state);
    }

    private static Map<String, String> strings(Path file, JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isContainerNode()) {
                throw new CliException(ExitCode.CONFIG, "Connector file " + file + ": setting '" + f.getKey()
                        + "' has a " + (v.isArray() ? "list" : "object") + " value; connector settings are strings "
                        + "(write lists as comma-separated strings).");
            }
            result.put(f.getKey(), v.isNull() ? null : v.asText());
        }
        return result;
    }

    private static TargetState initialState(Path file, String value) {
        try {
            return TargetState.fromInitialState(value);
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.CONFIG, "Connector file " + file + ": " + e.getMessage());
        }
    }
}

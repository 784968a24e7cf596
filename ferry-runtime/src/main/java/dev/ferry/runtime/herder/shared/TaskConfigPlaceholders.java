package dev.ferry.runtime.herder.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of stored and displayed task configurations. Connectors generate task configs
 * from their resolved configuration, so a {@code ${env:DB_PASSWORD}} in the connector config comes
 * back as the password itself. Before task configs are stored or shown, every key whose raw
 * connector value holds a config-provider reference gets that reference back; the task resolves
 * it again when it starts.
 */
public final class TaskConfigPlaceholders {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*:[^}]*}");

    private TaskConfigPlaceholders() {
    }

    public static List<Map<String, String>> restore(Map<String, String> rawConnectorConfig, List<Map<String, String>> taskConfigs) {
        Map<String, String> references = new LinkedHashMap<>();
        rawConnectorConfig.forEach((k, v) -> {
            if (v != null && REFERENCE.matcher(v).find()) {
                references.put(k, v);
            }
        });
        if (references.isEmpty()) {
            return taskConfigs;
        }
        List<Map<String, String>> result = new ArrayList<>(taskConfigs.size());
        for (Map<String, String> task : taskConfigs) {
            Map<String, String> copy = new HashMap<>(task); // the worker's map type, so the stored order is kept
            references.forEach((k, raw) -> {
                if (copy.containsKey(k)) {
                    copy.put(k, raw);
                }
            });
            result.add(copy);
        }
        return result;
    }
}

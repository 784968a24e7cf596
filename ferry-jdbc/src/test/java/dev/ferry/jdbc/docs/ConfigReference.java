package dev.ferry.jdbc.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders a connector's {@link ConfigDef} as the Markdown tables of docs/JDBC.md, one per config group in the
 * definition's order, so the reference is generated from the definitions and cannot drift from them.
 */
final class ConfigReference {

    private ConfigReference() {
    }

    static String render(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new java.util.LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        List<ConfigKey> ungrouped = new ArrayList<>();
        Map<String, ConfigKey> keys = new TreeMap<>(def.configKeys());
        for (ConfigKey key : keys.values()) {
            if (key.group == null || !groups.containsKey(key.group)) {
                ungrouped.add(key);
            } else {
                groups.get(key.group).add(key);
            }
        }
        StringBuilder md = new StringBuilder();
        groups.forEach((group, members) -> table(md, group, members));
        if (!ungrouped.isEmpty()) {
            table(md, "Other", ungrouped);
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String group, List<ConfigKey> members) {
        if (members.isEmpty()) {
            return;
        }
        members.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
        md.append("#### ").append(group).append("\n\n");
        md.append("| key | type | default | valid values | description |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (ConfigKey key : members) {
            md.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                    .append(" | ").append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        md.append('\n');
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String value = key.type == ConfigDef.Type.LIST && key.defaultValue instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(key.defaultValue);
        return value.isEmpty() ? "\"\"" : "`" + cell(value) + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}

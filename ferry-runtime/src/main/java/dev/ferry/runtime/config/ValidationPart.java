package dev.ferry.runtime.config;

import dev.ferry.runtime.model.ValidationResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigValue;

/**
 * One part of a validation answer (the framework and connector settings, one client's overrides,
 * one converter's settings): its definitions with their values, how many errors it counts and its
 * groups, and how the parts are merged into the {@link ValidationResult} in Apache's order and with
 * Apache's counting (every message in the main part, each config with errors once in a prefixed part).
 *
 * @param entries    definitions and values, in the order Apache lists them
 * @param errorCount the errors this part adds to the total
 * @param groups     the groups of its definitions, in order
 */
record ValidationPart(List<ValidationResult.Entry> entries, int errorCount, List<String> groups) {

    /** Definitions and values together, the way Apache lists them: undefined keys first, then by definition order. */
    static ValidationPart combine(Map<String, ConfigKey> keys, List<ConfigValue> values, List<String> groups) {
        List<ValidationResult.Entry> entries = new ArrayList<>();
        Map<String, ConfigValue> byName = new HashMap<>();
        int errors = 0;
        for (ConfigValue value : values) {
            byName.put(value.name(), value);
            if (!keys.containsKey(value.name())) {
                entries.add(new ValidationResult.Entry(null, value));
                errors += value.errorMessages().size();
            }
        }
        for (Map.Entry<String, ConfigKey> key : keys.entrySet()) {
            ConfigValue value = byName.get(key.getKey());
            if (value != null) {
                errors += value.errorMessages().size();
            }
            entries.add(new ValidationResult.Entry(key.getValue(), value));
        }
        return new ValidationPart(entries, errors, groups);
    }

    /** A part whose keys and values are renamed with {@code prefix}; counts configs with errors, as Apache does. */
    static ValidationPart prefixed(Map<String, ConfigKey> keys, List<ConfigValue> values, String prefix) {
        List<ValidationResult.Entry> entries = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        int errors = 0;
        if (values == null) {
            return new ValidationPart(entries, 0, List.of());
        }
        for (ConfigValue value : values) {
            ConfigKey key = keys.get(value.name());
            ConfigKey renamed = null;
            if (key != null) {
                if (key.group != null) {
                    groups.add(key.group);
                }
                renamed = new ConfigKey(prefix + key.name, key.type, key.defaultValue, key.validator, key.importance,
                        key.documentation, key.group, key.orderInGroup, key.width, key.displayName, key.dependents,
                        key.recommender, key.internalConfig);
            }
            ConfigValue renamedValue = new ConfigValue(prefix + value.name(), value.value(), value.recommendedValues(),
                    value.errorMessages());
            renamedValue.visible(value.visible());
            if (!value.errorMessages().isEmpty()) {
                errors++;
            }
            entries.add(new ValidationResult.Entry(renamed, renamedValue));
        }
        return new ValidationPart(entries, errors, new ArrayList<>(groups));
    }

    static ValidationResult merge(String connectorClass, ValidationPart... parts) {
        List<ValidationResult.Entry> entries = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        int errors = 0;
        for (ValidationPart part : parts) {
            if (part != null) {
                entries.addAll(part.entries());
                groups.addAll(part.groups());
                errors += part.errorCount();
            }
        }
        return new ValidationResult(connectorClass, errors, List.copyOf(groups), List.copyOf(entries));
    }
}

package dev.ferry.runtime.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Small building blocks shared by the worker and connector config definitions: validators whose
 * messages say what to change, and a way to validate values some of which are already parsed.
 */
final class ConfigDefs {

    private ConfigDefs() {
    }

    /**
     * Validates {@code values} against {@code def} like {@link ConfigDef#validateAll(Map)}, but
     * also accepts already parsed values (a {@code Class} for a CLASS-typed key). Ferry resolves
     * plugin class names and aliases through its plugin registry rather than the thread context
     * class loader, so class-typed values arrive here as {@code Class} objects.
     * {@code ConfigDef} only hands each value to {@code parseType(String, Object, Type)}, which takes
     * a {@code Class} as it is; the unchecked view below never reads a value as a String.
     */
    @SuppressWarnings("unchecked")
    static Map<String, ConfigValue> validateAll(ConfigDef def, Map<String, ?> values) {
        Map<String, String> view = (Map<String, String>) (Map<String, ?>) values;
        return def.validateAll(view);
    }

    /** A list validator: no duplicates and no blank entries; empty allowed only if {@code allowEmpty}. */
    static ConfigDef.Validator uniqueList(boolean allowEmpty, boolean allowNull, String example) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null) {
                if (!allowNull) {
                    throw new ConfigException(name, null, "A value is required, e.g. " + name + "=" + example);
                }
                return;
            }
            List<?> items = (List<?>) value;
            if (items.isEmpty() && !allowEmpty) {
                throw new ConfigException(name, "", "The list must not be empty; set it like " + name + "=" + example);
            }
            Set<Object> seen = new HashSet<>();
            for (Object item : items) {
                if (item == null || item.toString().isBlank()) {
                    throw new ConfigException(name, String.join(",", strings(items)),
                            "The list contains an empty entry; remove the extra comma");
                }
                if (!seen.add(item)) {
                    throw new ConfigException(name, String.join(",", strings(items)),
                            "'" + item + "' is listed more than once; list each entry once");
                }
            }
        }, () -> allowEmpty ? "list of unique values" : "non-empty list of unique values");
    }

    /** A validator that runs {@code check} only when the value is not null. */
    static ConfigDef.Validator nullOr(ConfigDef.Validator check) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null) {
                check.ensureValid(name, value);
            }
        }, check::toString);
    }

    /** A validator with a custom description, for checks written as lambdas. */
    static ConfigDef.Validator described(BiConsumer<String, Object> check, Supplier<String> description) {
        return ConfigDef.LambdaValidator.with(check, description);
    }

    /** The total number of error messages across {@code values}. */
    static int errorCount(Iterable<ConfigValue> values) {
        int count = 0;
        for (ConfigValue value : values) {
            count += value.errorMessages().size();
        }
        return count;
    }

    /** Entries of {@code props} whose key starts with {@code prefix}, with the prefix removed. */
    static Map<String, String> withPrefix(Map<String, String> props, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return result;
    }

    private static List<String> strings(List<?> items) {
        List<String> result = new ArrayList<>(items.size());
        for (Object item : items) {
            result.add(String.valueOf(item));
        }
        return result;
    }
}

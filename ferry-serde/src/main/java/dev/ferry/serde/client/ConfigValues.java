package dev.ferry.serde.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads typed values out of a Kafka-style config map whose values may be strings (from a properties file or a
 * connector config), numbers, booleans, lists or {@link Password}s (from a parsed {@code ConfigDef}). A value of
 * the wrong shape fails with a {@link ConfigException} naming the key, the value and what it should be.
 */
public final class ConfigValues {

    private final Map<String, ?> configs;

    public ConfigValues(Map<String, ?> configs) {
        this.configs = configs;
    }

    public Map<String, ?> map() {
        return configs;
    }

    public boolean has(String key) {
        Object value = configs.get(key);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    /** The value as a string, trimmed; null when absent. A {@link Password} gives its value. */
    public String string(String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Password password) {
            return password.value();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString().trim();
    }

    public String string(String key, String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    public boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object value = configs.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(key);
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(key, value, "Expected true or false.");
    }

    public long longValue(String key, long defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object value = configs.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(string(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "Expected a whole number.");
        }
    }

    public int intValue(String key, int defaultValue) {
        long value = longValue(key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(key, value, "Expected a number that fits in an int.");
        }
        return (int) value;
    }

    /** A comma-separated list (or a {@link List} value), entries trimmed, empty ones dropped. */
    public List<String> list(String key) {
        Object value = configs.get(key);
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> addTrimmed(result, String.valueOf(v)));
        } else if (value != null) {
            for (String part : string(key).split(",")) {
                addTrimmed(result, part);
            }
        }
        return result;
    }

    /**
     * The class a value names (or is), loaded through the context class loader as Kafka's own class configs are;
     * null when absent.
     *
     * @param notFound the end of the message when the class is not found, after "The class is not on the class path"
     */
    public Class<?> classValue(String key, String notFound) {
        Object value = configs.get(key);
        if (!has(key)) {
            return null;
        }
        if (value instanceof Class<?> c) {
            return c;
        }
        try {
            return Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, value, "The class is not on the class path" + notFound);
        }
    }

    private static void addTrimmed(List<String> into, String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty()) {
            into.add(trimmed);
        }
    }
}

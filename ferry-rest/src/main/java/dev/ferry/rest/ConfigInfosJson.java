package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.runtime.model.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Apache's {@code ConfigInfos} shape, the answer of the validate endpoint: every config with its
 * definition (null for keys nobody defines) and its validated value.
 */
record ConfigInfosJson(String name,
                       @JsonProperty("error_count") int errorCount,
                       List<String> groups,
                       List<ConfigInfo> configs) {

    static ConfigInfosJson of(ValidationResult result) {
        List<ConfigInfo> configs = result.configs().stream().map(ConfigInfo::of).toList();
        return new ConfigInfosJson(result.connectorClass(), result.errorCount(), result.groups(), configs);
    }

    /** One config: {@code {"definition":…,"value":…}}. */
    record ConfigInfo(ConfigKeyInfoJson definition, ConfigValueInfo value) {

        static ConfigInfo of(ValidationResult.Entry entry) {
            ConfigDef.ConfigKey key = entry.definition();
            return new ConfigInfo(key == null ? null : ConfigKeyInfoJson.of(key),
                    entry.value() == null ? null : ConfigValueInfo.of(entry.value(), key == null ? null : key.type));
        }
    }

    /** A validated value: rendered as its definition's type renders it, with recommendations and errors. */
    record ConfigValueInfo(String name,
                           String value,
                           @JsonProperty("recommended_values") List<String> recommendedValues,
                           List<String> errors,
                           boolean visible) {

        static ConfigValueInfo of(ConfigValue value, ConfigDef.Type type) {
            // Recommended values of a list are single elements, so they render as strings. Plugin classes
            // are recommended by name (a Ferry stand-in is listed under Apache's name, which no Class has).
            ConfigDef.Type elementType = type == ConfigDef.Type.LIST ? ConfigDef.Type.STRING : type;
            List<String> recommended = new ArrayList<>();
            for (Object candidate : value.recommendedValues()) {
                recommended.add(candidate instanceof String name ? name : ConfigDef.convertToString(candidate, elementType));
            }
            return new ConfigValueInfo(value.name(), ConfigDef.convertToString(value.value(), type), recommended,
                    value.errorMessages(), value.visible());
        }
    }
}

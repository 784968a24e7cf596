package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Apache's {@code ConfigKeyInfo} shape: one config definition. A key without a default is
 * {@code required} with a null {@code default_value}; defaults are rendered as ConfigDef renders them.
 */
record ConfigKeyInfoJson(String name,
                         String type,
                         boolean required,
                         @JsonProperty("default_value") String defaultValue,
                         String importance,
                         String documentation,
                         String group,
                         @JsonProperty("order_in_group") int orderInGroup,
                         String width,
                         @JsonProperty("display_name") String displayName,
                         List<String> dependents) {

    static ConfigKeyInfoJson of(ConfigDef.ConfigKey key) {
        boolean required = ConfigDef.NO_DEFAULT_VALUE.equals(key.defaultValue);
        String defaultValue = required ? null : ConfigDef.convertToString(key.defaultValue, key.type);
        return new ConfigKeyInfoJson(key.name, key.type.name(), required, defaultValue, key.importance.name(),
                key.documentation, key.group, key.orderInGroup, key.width.name(), key.displayName,
                key.dependents == null ? List.of() : key.dependents);
    }
}

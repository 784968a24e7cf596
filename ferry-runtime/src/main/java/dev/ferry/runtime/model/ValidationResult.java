package dev.ferry.runtime.model;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The answer to "is this connector configuration valid?": every config the connector, the
 * framework, the transformations, predicates, converters and client overrides know about, each
 * with its definition (null for keys nobody defines) and its validated value and errors.
 *
 * @param connectorClass the {@code connector.class} exactly as the user gave it
 * @param errorCount     the total number of error messages across all configs
 * @param groups         the config groups in display order
 */
public record ValidationResult(String connectorClass, int errorCount, List<String> groups, List<Entry> configs) {

    /** One config: its definition (may be null) and its validated value (may be null). */
    public record Entry(ConfigDef.ConfigKey definition, ConfigValue value) {
    }
}

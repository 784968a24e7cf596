package dev.ferry.runtime.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

import java.util.HashMap;
import java.util.Map;

/**
 * The only setting of the primitive converters: {@code converter.type} ({@code key}, {@code value} or
 * {@code header}), which the worker sets for each use.
 */
final class ConverterTypeConfig extends ConverterConfig {

    static final ConfigDef CONFIG_DEF = ConverterConfig.newConfigDef();

    ConverterTypeConfig(Map<String, ?> props) {
        super(CONFIG_DEF, props);
    }

    /** The props with {@code converter.type} set to key or value, as {@code Converter#configure(Map, boolean)} implies. */
    static Map<String, Object> withKeyOrValue(Map<String, ?> props, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(props);
        withType.put(TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        return withType;
    }
}

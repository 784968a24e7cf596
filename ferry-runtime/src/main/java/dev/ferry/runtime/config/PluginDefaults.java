package dev.ferry.runtime.config;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Recommender;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What Apache's validate answer and plugin config listing show for the plugin settings of a
 * connector config, filled into its definition: each plugin class setting recommends the installed
 * plugins of its kind (converters, header converters, transformations, predicates), and each
 * {@code plugin.version} setting defaults to the version of the plugin in use and recommends the
 * installed versions of that class. A converter the connector does not set defaults to the worker's,
 * so the answer shows the converter the connector will actually get.
 *
 * <p>Only definitions change: values are validated as before, and a setting the user gave keeps
 * its value.
 */
final class PluginDefaults {

    private final Plugins plugins;

    PluginDefaults(Plugins plugins) {
        this.plugins = plugins;
    }

    /**
     * {@code def} with the plugin settings' defaults and recommenders filled in.
     *
     * @param connectorClass the connector the config is for
     * @param worker         the worker whose converters are the defaults; null to leave converter defaults unset
     * @param resolved       the config's values with plugin classes resolved (an SMT's version default is
     *                       the version of its resolved type)
     */
    ConfigDef apply(ConfigDef def, Class<?> connectorClass, WorkerConfig worker, Map<String, Object> resolved) {
        ConfigDef result = new ConfigDef();
        for (ConfigKey key : def.configKeys().values()) {
            result.define(replacement(key, connectorClass, worker, resolved));
        }
        return result;
    }

    private ConfigKey replacement(ConfigKey key, Class<?> connectorClass, WorkerConfig worker,
                                  Map<String, Object> resolved) {
        String name = key.name;
        switch (name) {
            case ConnectorConfig.CONNECTOR_VERSION:
                return copy(key, plugins.versionOf(connectorClass), versionsOf(parsed -> connectorClass));
            case ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG:
                return copy(key, workerDefault(key, worker), classesOf(PluginType.CONVERTER));
            case ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG:
                return copy(key, workerDefault(key, worker), classesOf(PluginType.HEADER_CONVERTER));
            case ConnectorConfig.KEY_CONVERTER_VERSION_CONFIG, ConnectorConfig.VALUE_CONVERTER_VERSION_CONFIG,
                 ConnectorConfig.HEADER_CONVERTER_VERSION_CONFIG: {
                String classKey = name.substring(0, name.length() - ConnectorConfig.PLUGIN_VERSION_SUFFIX.length() - 1);
                Class<?> inUse = worker == null ? null : worker.getClass(classKey);
                return copy(key, inUse == null ? key.defaultValue : plugins.versionOf(inUse), versionsOf(classKey));
            }
            default:
                String transformAlias = alias(name, ConnectorConfig.TRANSFORMS_CONFIG);
                if (transformAlias != null) {
                    return smtReplacement(key, ConnectorConfig.TRANSFORMS_CONFIG, transformAlias, resolved);
                }
                String predicateAlias = alias(name, ConnectorConfig.PREDICATES_CONFIG);
                if (predicateAlias != null) {
                    return smtReplacement(key, ConnectorConfig.PREDICATES_CONFIG, predicateAlias, resolved);
                }
                return key;
        }
    }

    /** The worker's converter for a converter setting; the setting's own default without a worker. */
    private static Object workerDefault(ConfigKey key, WorkerConfig worker) {
        return worker == null ? key.defaultValue : worker.getClass(key.name);
    }

    /** A transformation's or predicate's {@code type} or {@code plugin.version} setting. */
    private ConfigKey smtReplacement(ConfigKey key, String list, String alias, Map<String, Object> resolved) {
        boolean transform = list.equals(ConnectorConfig.TRANSFORMS_CONFIG);
        String typeKey = list + "." + alias + "." + ConnectorConfigEnricher.TYPE_SUFFIX;
        if (key.name.equals(typeKey)) {
            return copy(key, key.defaultValue, classesOf(transform ? PluginType.TRANSFORMATION : PluginType.PREDICATE));
        }
        Object version = resolved.get(typeKey) instanceof Class<?> type ? plugins.versionOf(type) : key.defaultValue;
        // Apache shows an SMT's version setting as important and wide, under its own display name.
        return new ConfigKey(key.name, key.type, version, key.validator, Importance.HIGH, key.documentation,
                key.group, key.orderInGroup, Width.LONG,
                (transform ? "Transformation" : "Predicate") + " version for " + alias, key.dependents,
                versionsOf(typeKey), key.internalConfig);
    }

    /**
     * The alias of a {@code transforms.<alias>.type} or {@code .plugin.version} setting (or the same
     * under {@code predicates}), or null for any other setting.
     */
    private static String alias(String name, String list) {
        if (!name.startsWith(list + ".")) {
            return null;
        }
        String rest = name.substring(list.length() + 1);
        for (String suffix : List.of("." + ConnectorConfigEnricher.TYPE_SUFFIX, "." + ConnectorConfig.PLUGIN_VERSION_SUFFIX)) {
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return rest.substring(0, rest.length() - suffix.length());
            }
        }
        return null;
    }

    private static ConfigKey copy(ConfigKey key, Object defaultValue, Recommender recommender) {
        return new ConfigKey(key.name, key.type, defaultValue, key.validator, key.importance, key.documentation,
                key.group, key.orderInGroup, key.width, key.displayName, key.dependents, recommender, key.internalConfig);
    }

    /** Recommends the class names of the installed plugins of {@code type}, under the names Apache lists them. */
    private Recommender classesOf(PluginType type) {
        return new Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                Set<Object> names = new LinkedHashSet<>();
                for (PluginDescriptor plugin : plugins.plugins(type)) {
                    names.add(plugin.className());
                }
                return new ArrayList<>(names);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    /** Recommends the installed versions of the plugin class the parsed config holds under {@code classKey}. */
    private Recommender versionsOf(String classKey) {
        return versionsOf(parsed -> parsed.get(classKey) instanceof Class<?> c ? c : null);
    }

    /** Recommends the installed versions of the plugin class {@code inUse} picks from the parsed config. */
    private Recommender versionsOf(Function<Map<String, Object>, Class<?>> inUse) {
        return new Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                Class<?> pluginClass = inUse.apply(parsedConfig);
                if (pluginClass == null) {
                    return new ArrayList<>();
                }
                Set<Object> versions = new LinkedHashSet<>();
                for (PluginDescriptor plugin : plugins.plugins()) {
                    if (plugin.className().equals(pluginClass.getName())) {
                        versions.add(plugin.version());
                    }
                }
                if (versions.isEmpty()) {
                    versions.add(plugins.versionOf(pluginClass));
                }
                return new ArrayList<>(versions);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }
}

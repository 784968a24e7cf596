package dev.ferry.runtime.config;

import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.PluginVersionException;
import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Builds the definition of one connector config: the framework's definitions plus, for every
 * transformation and predicate alias, its {@code type}, {@code plugin.version} and the plugin's
 * own settings under {@code transforms.<alias>.} or {@code predicates.<alias>.}. It also looks up
 * every plugin class the config names (converters, transformations, predicates) in the plugin
 * registry, so that aliases and {@code plugin.version} are honoured, and records which lookups
 * failed and why.
 */
final class ConnectorConfigEnricher {

    static final String TYPE_SUFFIX = "type";
    static final String PREDICATE_SUFFIX = "predicate";
    static final String NEGATE_SUFFIX = "negate";

    private static final List<String> PLUGIN_CLASS_KEYS = List.of(ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG,
            ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG);

    private ConnectorConfigEnricher() {
    }

    /**
     * The enriched definition and the values to parse against it.
     *
     * @param def        the definition, framework and plugin settings together
     * @param values     the config with every resolvable plugin class replaced by its {@code Class}
     * @param pluginErrors for keys whose plugin could not be found or inspected, the reason
     * @param unresolved   class-typed keys left out of {@code values} because their plugin could not be found
     */
    record Enriched(ConfigDef def, Map<String, Object> values, Map<String, String> pluginErrors, Set<String> unresolved) {

        /** Throws one exception listing every plugin problem, for code that needs a usable config. */
        Enriched requireNoPluginErrors() {
            if (!pluginErrors.isEmpty()) {
                List<String> problems = new ArrayList<>();
                pluginErrors.forEach((key, error) -> problems.add(key + ": " + error));
                throw new ConfigException("The connector configuration names plugins that cannot be used:\n  - "
                        + String.join("\n  - ", problems));
            }
            return this;
        }
    }

    /**
     * @param preferredLoader the connector's class loader, so that a converter or transformation
     *                        packaged with the connector wins when no version is requested; may be null
     */
    static Enriched enrich(Plugins plugins, ConfigDef base, Map<String, String> props, ClassLoader preferredLoader) {
        ConfigDef def = new ConfigDef(base);
        Map<String, Object> values = new LinkedHashMap<>(props);
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        resolveConverter(plugins, preferredLoader, values, errors, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, PluginType.CONVERTER);
        resolveConverter(plugins, preferredLoader, values, errors, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, PluginType.CONVERTER);
        resolveConverter(plugins, preferredLoader, values, errors, ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG, PluginType.HEADER_CONVERTER);
        for (String alias : aliases(props, ConnectorConfig.TRANSFORMS_CONFIG)) {
            addAlias(plugins, preferredLoader, def, values, errors, props, ConnectorConfig.TRANSFORMS_CONFIG, alias, PluginType.TRANSFORMATION);
        }
        for (String alias : aliases(props, ConnectorConfig.PREDICATES_CONFIG)) {
            addAlias(plugins, preferredLoader, def, values, errors, props, ConnectorConfig.PREDICATES_CONFIG, alias, PluginType.PREDICATE);
        }
        for (String key : PLUGIN_CLASS_KEYS) {
            collectUnresolved(values, key, unresolved);
        }
        for (String alias : aliases(props, ConnectorConfig.TRANSFORMS_CONFIG)) {
            collectUnresolved(values, ConnectorConfig.TRANSFORMS_CONFIG + "." + alias + "." + TYPE_SUFFIX, unresolved);
        }
        for (String alias : aliases(props, ConnectorConfig.PREDICATES_CONFIG)) {
            collectUnresolved(values, ConnectorConfig.PREDICATES_CONFIG + "." + alias + "." + TYPE_SUFFIX, unresolved);
        }
        return new Enriched(def, values, errors, unresolved);
    }

    /**
     * A class-typed value still held as a String could not be resolved; it is left out of the
     * values so that parsing does not try the context class loader and report a second, vaguer error.
     */
    private static void collectUnresolved(Map<String, Object> values, String key, Set<String> unresolved) {
        if (values.get(key) instanceof String text && !text.isBlank()) {
            unresolved.add(key);
            values.remove(key);
        }
    }

    /** The distinct aliases listed in {@code key}, in order; empty if the list does not parse. */
    static List<String> aliases(Map<String, String> props, String key) {
        Object parsed;
        try {
            parsed = ConfigDef.parseType(key, props.get(key), Type.LIST);
        } catch (ConfigException e) {
            return List.of();
        }
        if (!(parsed instanceof List<?> list)) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (Object alias : list) {
            if (!alias.toString().isEmpty()) {
                unique.add(alias.toString());
            }
        }
        return new ArrayList<>(unique);
    }

    private static void resolveConverter(Plugins plugins, ClassLoader preferredLoader, Map<String, Object> values, Map<String, String> errors,
                                         String key, PluginType type) {
        Object name = values.get(key);
        if (!(name instanceof String className) || className.isBlank()) {
            return;
        }
        String versionKey = key + "." + ConnectorConfig.PLUGIN_VERSION_SUFFIX;
        Object version = values.get(versionKey);
        try {
            values.put(key, plugins.pluginClass(className.trim(), type, version == null ? null : version.toString(), preferredLoader));
        } catch (PluginVersionException e) {
            errors.put(versionKey, e.getMessage());
        } catch (Throwable e) { // plugin code: Errors too, reported on the key
            errors.put(key, message(e));
        }
    }

    private static void addAlias(Plugins plugins, ClassLoader preferredLoader, ConfigDef def, Map<String, Object> values, Map<String, String> errors,
                                 Map<String, String> props, String listKey, String alias, PluginType type) {
        boolean transform = type == PluginType.TRANSFORMATION;
        String kind = transform ? "transformation" : "predicate";
        String prefix = listKey + "." + alias + ".";
        String group = (transform ? ConnectorConfig.TRANSFORMS_GROUP : ConnectorConfig.PREDICATES_GROUP) + ": " + alias;
        String typeKey = prefix + TYPE_SUFFIX;
        String versionKey = prefix + ConnectorConfig.PLUGIN_VERSION_SUFFIX;
        int order = 0;
        ConfigDef.Validator typeValidator = ConfigDefs.described((name, value) -> {
            if (transform) {
                checkNegateHasPredicate(props, prefix);
            }
        }, () -> "valid configs for " + alias + " " + kind);
        def.define(typeKey, Type.CLASS, ConfigDef.NO_DEFAULT_VALUE, typeValidator, Importance.HIGH,
                "Class (or alias) of the '" + alias + "' " + kind + ".", group, order++, Width.LONG,
                (transform ? "Transformation" : "Predicate") + " type for " + alias);
        def.define(versionKey, Type.STRING, null, Importance.LOW,
                "Version of the '" + alias + "' " + kind + " plugin: an exact version or a Maven version range. "
                        + "Unset means the newest installed version.", group, order++, Width.MEDIUM,
                "Plugin version for " + alias + " " + kind);

        ConfigDef own = new ConfigDef();
        if (transform) {
            own.define(PREDICATE_SUFFIX, Type.STRING, null, Importance.MEDIUM,
                    "The alias of a predicate; the transformation then applies only to records the predicate matches.");
            own.define(NEGATE_SUFFIX, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Apply the transformation to records the predicate does not match instead.");
        }
        String className = props.get(typeKey);
        boolean resolved = false;
        if (className != null && !className.isBlank()) {
            String version = props.get(versionKey);
            try {
                Class<?> pluginClass = plugins.pluginClass(className.trim(), type, version, preferredLoader);
                resolved = true;
                values.put(typeKey, pluginClass);
                ConfigDef pluginDef = pluginConfigDef(plugins, pluginClass, type);
                for (ConfigDef.ConfigKey key : pluginDef.configKeys().values()) {
                    // The framework's predicate/negate settings take precedence over an SMT's own of the same name.
                    if (!own.configKeys().containsKey(key.name)) {
                        own.define(key);
                    }
                }
            } catch (PluginVersionException e) {
                errors.put(versionKey, e.getMessage());
            } catch (Throwable e) { // plugin code: Errors too, reported on the key
                errors.put(typeKey, message(e));
            }
        }
        if (resolved) {
            // As Apache's: an alias without a type that loads shows only its type and version settings.
            def.embed(prefix, group, order, own);
        }
    }

    private static void checkNegateHasPredicate(Map<String, String> props, String prefix) {
        String negate = prefix + NEGATE_SUFFIX;
        String predicate = prefix + PREDICATE_SUFFIX;
        if (props.containsKey(negate) && !props.containsKey(predicate)) {
            throw new ConfigException("Config '" + negate + "' was provided but there is no config '" + predicate
                    + "' defining a predicate to be negated.");
        }
    }

    /**
     * The settings a transformation or predicate declares, read from a throwaway instance created
     * with its own class loader as context loader.
     */
    static ConfigDef pluginConfigDef(Plugins plugins, Class<?> pluginClass, PluginType type) {
        Object instance;
        try (LoaderSwap swap = Plugins.swapLoader(plugins.loaderOf(pluginClass))) {
            instance = plugins.newInstance(pluginClass);
            try {
                ConfigDef def = switch (type) {
                    case TRANSFORMATION -> ((Transformation<?>) instance).config();
                    case PREDICATE -> ((Predicate<?>) instance).config();
                    default -> throw new IllegalArgumentException("Not a transformation or predicate type: " + type);
                };
                if (def == null) {
                    throw new ConfigException(pluginClass.getName() + ".config() returned null; the plugin must return "
                            + "a ConfigDef (an empty one if it has no settings). Report this to the plugin's authors.");
                }
                return def;
            } finally {
                if (instance instanceof AutoCloseable closeable) {
                    Utils.closeQuietly(closeable, type.jsonName());
                }
            }
        } catch (ClassCastException e) {
            throw new ConfigException(pluginClass.getName() + " is not a " + type.jsonName()
                    + "; name a class that implements " + type.interfaceName());
        }
    }

    private static String message(Throwable e) {
        return ConnectorConfigValidator.failure(e);
    }

}

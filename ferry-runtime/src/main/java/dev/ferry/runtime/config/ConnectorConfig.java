package dev.ferry.runtime.config;

import dev.ferry.runtime.plugins.Plugins;
import java.util.Collections;
import java.util.HashSet;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * The framework's settings of a connector, common to sources and sinks: name, class and version,
 * task count, converters, the transformation chain with its predicates, the config reload action
 * and error handling. Names, types, defaults, groups and validators are Apache Kafka Connect's.
 *
 * <p>An instance is built from a config whose {@code ${...}} references are already resolved (see
 * {@link ConfigResolver}). The definition is enriched for that config: each alias in
 * {@code transforms} and {@code predicates} gets {@code type}, {@code plugin.version} and the
 * plugin's own settings under its prefix. Plugin classes are looked up through {@link Plugins}, so
 * aliases and versions work. Construction fails with a {@link ConfigException} naming every
 * problem; use {@link ConnectorConfigValidator} to collect problems without failing.
 */
public class ConnectorConfig extends AbstractConfig {

    static final String COMMON_GROUP = "Common";
    static final String TRANSFORMS_GROUP = "Transforms";
    static final String PREDICATES_GROUP = "Predicates";
    static final String ERROR_GROUP = "Error Handling";

    public static final String PLUGIN_VERSION_SUFFIX = WorkerConfig.PLUGIN_VERSION_SUFFIX;

    public static final String NAME_CONFIG = "name";
    private static final String NAME_DOC = "A unique name for the connector; it must match the name in the REST path.";

    public static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    private static final String CONNECTOR_CLASS_DOC = "The connector's class: its fully qualified name, its simple name, "
            + "or its simple name without the 'Connector' suffix, e.g. org.apache.kafka.connect.file.FileStreamSinkConnector, "
            + "FileStreamSinkConnector or FileStreamSink.";

    public static final String CONNECTOR_VERSION = "connector." + PLUGIN_VERSION_SUFFIX;
    private static final String CONNECTOR_VERSION_DOC = "Version of the connector plugin: an exact version or a Maven "
            + "version range such as [1.0,2.0). Unset means the newest installed version.";

    public static final String TASKS_MAX_CONFIG = "tasks.max";
    public static final int TASKS_MAX_DEFAULT = 1;
    private static final String TASKS_MAX_DOC = "The most tasks the connector may run; it may run fewer if it cannot "
            + "split its work further.";

    public static final String TASKS_MAX_ENFORCE_CONFIG = "tasks.max.enforce";
    public static final boolean TASKS_MAX_ENFORCE_DEFAULT = true;
    private static final String TASKS_MAX_ENFORCE_DOC = "(Deprecated) Whether a connector that generates more task "
            + "configs than tasks.max fails. If false, the extra tasks run and a warning is logged.";

    public static final String KEY_CONVERTER_CLASS_CONFIG = WorkerConfig.KEY_CONVERTER_CLASS_CONFIG;
    public static final String KEY_CONVERTER_VERSION_CONFIG = WorkerConfig.KEY_CONVERTER_VERSION;
    public static final String VALUE_CONVERTER_CLASS_CONFIG = WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG;
    public static final String VALUE_CONVERTER_VERSION_CONFIG = WorkerConfig.VALUE_CONVERTER_VERSION;
    public static final String HEADER_CONVERTER_CLASS_CONFIG = WorkerConfig.HEADER_CONVERTER_CLASS_CONFIG;
    public static final String HEADER_CONVERTER_VERSION_CONFIG = WorkerConfig.HEADER_CONVERTER_VERSION;
    private static final String CONVERTER_DOC = "The %s converter for this connector, replacing the worker's %s. "
            + "Its settings go under '%s.'.";
    private static final String CONVERTER_VERSION_DOC = "Version of the %s converter plugin: an exact version or a Maven "
            + "version range. Unset means the newest installed version.";

    public static final String TRANSFORMS_CONFIG = "transforms";
    private static final String TRANSFORMS_DOC = "Aliases of the transformations to apply to records, in order. "
            + "Configure each with transforms.<alias>.type and its own settings under transforms.<alias>.";

    public static final String PREDICATES_CONFIG = "predicates";
    public static final String PREDICATES_PREFIX = PREDICATES_CONFIG + ".";
    private static final String PREDICATES_DOC = "Aliases of the predicates that transformations refer to with "
            + "transforms.<alias>.predicate. Configure each with predicates.<alias>.type and its own settings.";

    public static final String CONFIG_RELOAD_ACTION_CONFIG = "config.action.reload";
    public static final String CONFIG_RELOAD_ACTION_NONE = "none";
    public static final String CONFIG_RELOAD_ACTION_RESTART = "restart";
    private static final String CONFIG_RELOAD_ACTION_DOC = "What to do when values from a config provider expire: "
            + "'restart' restarts the connector with fresh values when they expire; 'none' does nothing.";

    public static final String ERRORS_RETRY_TIMEOUT_CONFIG = "errors.retry.timeout";
    public static final long ERRORS_RETRY_TIMEOUT_DEFAULT = 0;
    private static final String ERRORS_RETRY_TIMEOUT_DOC = "How long, in milliseconds, to keep retrying an operation "
            + "that failed with a retriable error (conversion, transformation, Kafka calls). 0 means no retries; "
            + "-1 retries forever.";

    public static final String ERRORS_RETRY_MAX_DELAY_CONFIG = "errors.retry.delay.max.ms";
    public static final long ERRORS_RETRY_MAX_DELAY_DEFAULT = 60000;
    private static final String ERRORS_RETRY_MAX_DELAY_DOC = "The longest wait, in milliseconds, between two retries. "
            + "Waits grow exponentially up to this limit, with random jitter once it is reached.";

    public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    public static final String ERRORS_TOLERANCE_NONE = "none";
    public static final String ERRORS_TOLERANCE_ALL = "all";
    private static final String ERRORS_TOLERANCE_DOC = "Whether a record that cannot be processed stops the task "
            + "('none', the default) or is skipped ('all'), after retries.";

    public static final String ERRORS_LOG_ENABLE_CONFIG = "errors.log.enable";
    public static final boolean ERRORS_LOG_ENABLE_DEFAULT = false;
    private static final String ERRORS_LOG_ENABLE_DOC = "Whether every failed operation and the skipped record are "
            + "logged. By default only failures that stop the task are.";

    public static final String ERRORS_LOG_INCLUDE_MESSAGES_CONFIG = "errors.log.include.messages";
    public static final boolean ERRORS_LOG_INCLUDE_MESSAGES_DEFAULT = false;
    private static final String ERRORS_LOG_INCLUDE_MESSAGES_DOC = "Whether error log entries include the record: "
            + "topic, partition, offset and timestamp for sinks; key, value, headers and source position for sources. "
            + "Off by default so that record contents stay out of logs.";

    public static final String CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX = "producer.override.";
    public static final String CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX = "consumer.override.";
    public static final String CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX = "admin.override.";

    private final Map<String, String> props;
    private final ConfigDef enrichedDef;

    /**
     * The framework definitions common to source and sink connectors, before enrichment.
     *
     * @return a new, modifiable definition
     */
    public static ConfigDef configDef() {
        int order = 0;
        int errorOrder = 0;
        return new ConfigDef()
                .define(NAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars(), Importance.HIGH,
                        NAME_DOC, COMMON_GROUP, ++order, Width.MEDIUM, "Connector name")
                .define(CONNECTOR_CLASS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, CONNECTOR_CLASS_DOC,
                        COMMON_GROUP, ++order, Width.LONG, "Connector class")
                .define(CONNECTOR_VERSION, Type.STRING, null, Importance.MEDIUM, CONNECTOR_VERSION_DOC,
                        COMMON_GROUP, ++order, Width.MEDIUM, "Connector version")
                .define(TASKS_MAX_CONFIG, Type.INT, TASKS_MAX_DEFAULT, ConfigDef.Range.atLeast(1), Importance.HIGH,
                        TASKS_MAX_DOC, COMMON_GROUP, ++order, Width.SHORT, "Tasks max")
                .define(TASKS_MAX_ENFORCE_CONFIG, Type.BOOLEAN, TASKS_MAX_ENFORCE_DEFAULT, Importance.LOW,
                        TASKS_MAX_ENFORCE_DOC, COMMON_GROUP, ++order, Width.SHORT, "Enforce tasks max")
                .define(KEY_CONVERTER_CLASS_CONFIG, Type.CLASS, null, pluginClassValidator(Converter.class), Importance.LOW,
                        String.format(CONVERTER_DOC, "key", KEY_CONVERTER_CLASS_CONFIG, KEY_CONVERTER_CLASS_CONFIG),
                        COMMON_GROUP, ++order, Width.SHORT, "Key converter class")
                .define(KEY_CONVERTER_VERSION_CONFIG, Type.STRING, null, Importance.LOW,
                        String.format(CONVERTER_VERSION_DOC, "key"), COMMON_GROUP, ++order, Width.SHORT, "Key converter version")
                .define(VALUE_CONVERTER_CLASS_CONFIG, Type.CLASS, null, pluginClassValidator(Converter.class), Importance.LOW,
                        String.format(CONVERTER_DOC, "value", VALUE_CONVERTER_CLASS_CONFIG, VALUE_CONVERTER_CLASS_CONFIG),
                        COMMON_GROUP, ++order, Width.SHORT, "Value converter class")
                .define(VALUE_CONVERTER_VERSION_CONFIG, Type.STRING, null, Importance.LOW,
                        String.format(CONVERTER_VERSION_DOC, "value"), COMMON_GROUP, ++order, Width.SHORT, "Value converter version")
                .define(HEADER_CONVERTER_CLASS_CONFIG, Type.CLASS, null, pluginClassValidator(HeaderConverter.class),
                        Importance.LOW, String.format(CONVERTER_DOC, "header", HEADER_CONVERTER_CLASS_CONFIG,
                                HEADER_CONVERTER_CLASS_CONFIG), COMMON_GROUP, ++order, Width.SHORT, "Header converter class")
                .define(HEADER_CONVERTER_VERSION_CONFIG, Type.STRING, null, Importance.LOW,
                        String.format(CONVERTER_VERSION_DOC, "header"), COMMON_GROUP, ++order, Width.SHORT, "Header converter version")
                .define(TRANSFORMS_CONFIG, Type.LIST, Collections.emptyList(), aliasValidator("transformation"), Importance.LOW,
                        TRANSFORMS_DOC, TRANSFORMS_GROUP, ++order, Width.LONG, "Transforms")
                .define(PREDICATES_CONFIG, Type.LIST, Collections.emptyList(), aliasValidator("predicate"), Importance.LOW,
                        PREDICATES_DOC, PREDICATES_GROUP, ++order, Width.LONG, "Predicates")
                .define(CONFIG_RELOAD_ACTION_CONFIG, Type.STRING, CONFIG_RELOAD_ACTION_RESTART,
                        ConfigDef.ValidString.in(CONFIG_RELOAD_ACTION_NONE, CONFIG_RELOAD_ACTION_RESTART), Importance.LOW,
                        CONFIG_RELOAD_ACTION_DOC, COMMON_GROUP, ++order, Width.MEDIUM, "Reload Action")
                .define(ERRORS_RETRY_TIMEOUT_CONFIG, Type.LONG, ERRORS_RETRY_TIMEOUT_DEFAULT, Importance.MEDIUM,
                        ERRORS_RETRY_TIMEOUT_DOC, ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Retry Timeout for Errors")
                .define(ERRORS_RETRY_MAX_DELAY_CONFIG, Type.LONG, ERRORS_RETRY_MAX_DELAY_DEFAULT, Importance.MEDIUM,
                        ERRORS_RETRY_MAX_DELAY_DOC, ERROR_GROUP, ++errorOrder, Width.MEDIUM, "Maximum Delay Between Retries for Errors")
                .define(ERRORS_TOLERANCE_CONFIG, Type.STRING, ERRORS_TOLERANCE_NONE,
                        ConfigDef.ValidString.in(ERRORS_TOLERANCE_NONE, ERRORS_TOLERANCE_ALL), Importance.MEDIUM,
                        ERRORS_TOLERANCE_DOC, ERROR_GROUP, ++errorOrder, Width.SHORT, "Error Tolerance")
                .define(ERRORS_LOG_ENABLE_CONFIG, Type.BOOLEAN, ERRORS_LOG_ENABLE_DEFAULT, Importance.MEDIUM,
                        ERRORS_LOG_ENABLE_DOC, ERROR_GROUP, ++errorOrder, Width.SHORT, "Log Errors")
                .define(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG, Type.BOOLEAN, ERRORS_LOG_INCLUDE_MESSAGES_DEFAULT, Importance.MEDIUM,
                        ERRORS_LOG_INCLUDE_MESSAGES_DOC, ERROR_GROUP, ++errorOrder, Width.SHORT, "Log Error Details");
    }

    private static ConfigDef.Validator aliasValidator(String kind) {
        return ConfigDefs.described((name, value) -> {
            if (value == null) {
                throw new ConfigException(name, null, "Entry must be non-null; remove the setting or give a list of aliases");
            }
            List<?> aliases = (List<?>) value;
            if (aliases.size() > new HashSet<>(aliases).size()) {
                throw new ConfigException(name, value, "Duplicate alias provided.");
            }
        }, () -> "non-null string, unique " + kind + " aliases");
    }

    /** A converter class must be a concrete implementation with a public no-argument constructor. */
    static ConfigDef.Validator pluginClassValidator(Class<?> base) {
        return ConfigDefs.described((name, value) -> {
            if (!(value instanceof Class<?> cls)) {
                return;
            }
            if (!base.isAssignableFrom(cls)) {
                throw new ConfigException(name, cls.getName(), "Class " + cls.getName() + " is not a " + base.getSimpleName()
                        + "; name a class that implements " + base.getName());
            }
            if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
                throw new ConfigException(name, cls.getName(), "Class " + cls.getName() + " is abstract; name a concrete "
                        + base.getSimpleName() + " class");
            }
            try {
                if (!Modifier.isPublic(cls.getConstructor().getModifiers())) {
                    throw new NoSuchMethodException();
                }
            } catch (NoSuchMethodException e) {
                throw new ConfigException(name, cls.getName(), "Class " + cls.getName()
                        + " has no public no-argument constructor, which Connect needs to create it");
            }
        }, () -> "A concrete subclass of " + base.getName() + ", A class with a public, no-argument constructor");
    }

    /** A connector config with only the common framework settings. */
    public ConnectorConfig(Plugins plugins, Map<String, String> props) {
        this(plugins, configDef(), props);
    }

    protected ConnectorConfig(Plugins plugins, ConfigDef baseDef, Map<String, String> props) {
        this(ConnectorConfigEnricher.enrich(plugins, baseDef, props, connectorLoader(plugins, props)).requireNoPluginErrors(), props);
    }

    private ConnectorConfig(ConnectorConfigEnricher.Enriched enriched, Map<String, String> props) {
        super(enriched.def(), enriched.values(), false);
        this.props = Collections.unmodifiableMap(new LinkedHashMap<>(props));
        this.enrichedDef = enriched.def();
    }

    /** The connector's class loader, or null if the connector class cannot be found (reported elsewhere). */
    static ClassLoader connectorLoader(Plugins plugins, Map<String, String> props) {
        String connectorClass = props.get(CONNECTOR_CLASS_CONFIG);
        if (connectorClass == null || connectorClass.isBlank()) {
            return null;
        }
        try {
            return plugins.loaderOf(plugins.connectorClass(connectorClass.trim(), props.get(CONNECTOR_VERSION)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The definition used for this config, including the transformation and predicate settings. */
    public ConfigDef enrichedConfigDef() {
        return enrichedDef;
    }

    /** The config this instance was built from, as strings. */
    public Map<String, String> props() {
        return props;
    }

    public String name() {
        return getString(NAME_CONFIG);
    }

    /** The {@code connector.class} value as given: a class name or alias. */
    public String connectorClass() {
        return getString(CONNECTOR_CLASS_CONFIG);
    }

    /** The requested connector version (exact or range), or null for the newest. */
    public String connectorVersion() {
        return getString(CONNECTOR_VERSION);
    }

    public int tasksMax() {
        return getInt(TASKS_MAX_CONFIG);
    }

    public boolean tasksMaxEnforce() {
        return getBoolean(TASKS_MAX_ENFORCE_CONFIG);
    }

    /** The connector's own key converter class, or null to use the worker's. */
    public Class<?> keyConverterClass() {
        return getClass(KEY_CONVERTER_CLASS_CONFIG);
    }

    public String keyConverterVersion() {
        return getString(KEY_CONVERTER_VERSION_CONFIG);
    }

    /** The connector's own value converter class, or null to use the worker's. */
    public Class<?> valueConverterClass() {
        return getClass(VALUE_CONVERTER_CLASS_CONFIG);
    }

    public String valueConverterVersion() {
        return getString(VALUE_CONVERTER_VERSION_CONFIG);
    }

    /** The connector's own header converter class, or null to use the worker's. */
    public Class<?> headerConverterClass() {
        return getClass(HEADER_CONVERTER_CLASS_CONFIG);
    }

    public String headerConverterVersion() {
        return getString(HEADER_CONVERTER_VERSION_CONFIG);
    }

    /**
     * The connector-level settings of a converter, without the prefix, e.g. for
     * {@code key.converter.schemas.enable=false} and {@code converterConfig("key.converter")}:
     * {@code schemas.enable=false}. The {@code plugin.version} entry is left out.
     */
    public Map<String, Object> converterConfig(String converterKey) {
        Map<String, Object> result = new LinkedHashMap<>(ConfigDefs.withPrefix(props, converterKey + "."));
        result.remove(PLUGIN_VERSION_SUFFIX);
        return result;
    }

    /** The transformation aliases, in the order they apply. */
    public List<String> transformAliases() {
        return List.copyOf(new LinkedHashSet<>(getList(TRANSFORMS_CONFIG)));
    }

    public Class<?> transformClass(String alias) {
        return getClass(transformPrefix(alias) + ConnectorConfigEnricher.TYPE_SUFFIX);
    }

    public String transformVersion(String alias) {
        return getString(transformPrefix(alias) + PLUGIN_VERSION_SUFFIX);
    }

    /**
     * The settings to configure a transformation with: everything under {@code transforms.<alias>.}
     * except {@code predicate} and {@code negate}, which belong to the framework.
     */
    public Map<String, Object> transformConfig(String alias) {
        Map<String, Object> config = new LinkedHashMap<>(ConfigDefs.withPrefix(props, transformPrefix(alias)));
        config.remove(ConnectorConfigEnricher.PREDICATE_SUFFIX);
        config.remove(ConnectorConfigEnricher.NEGATE_SUFFIX);
        return config;
    }

    /** The alias of the predicate that guards a transformation, or null if it always applies. */
    public String transformPredicate(String alias) {
        return getString(transformPrefix(alias) + ConnectorConfigEnricher.PREDICATE_SUFFIX);
    }

    /** Whether the transformation applies where its predicate does not match. */
    public boolean transformNegate(String alias) {
        return getBoolean(transformPrefix(alias) + ConnectorConfigEnricher.NEGATE_SUFFIX);
    }

    public List<String> predicateAliases() {
        return List.copyOf(new LinkedHashSet<>(getList(PREDICATES_CONFIG)));
    }

    public Class<?> predicateClass(String alias) {
        return getClass(PREDICATES_PREFIX + alias + "." + ConnectorConfigEnricher.TYPE_SUFFIX);
    }

    public String predicateVersion(String alias) {
        return getString(PREDICATES_PREFIX + alias + "." + PLUGIN_VERSION_SUFFIX);
    }

    /** The settings to configure a predicate with: everything under {@code predicates.<alias>.}. */
    public Map<String, Object> predicateConfig(String alias) {
        return new LinkedHashMap<>(ConfigDefs.withPrefix(props, PREDICATES_PREFIX + alias + "."));
    }

    /** {@code restart} or {@code none}. */
    public String configReloadAction() {
        return getString(CONFIG_RELOAD_ACTION_CONFIG);
    }

    public boolean errorsToleranceAll() {
        return ERRORS_TOLERANCE_ALL.equalsIgnoreCase(getString(ERRORS_TOLERANCE_CONFIG));
    }

    /** Milliseconds to keep retrying a retriable failure; 0 for no retries, -1 for forever. */
    public long errorsRetryTimeout() {
        return getLong(ERRORS_RETRY_TIMEOUT_CONFIG);
    }

    public long errorsRetryMaxDelayMs() {
        return getLong(ERRORS_RETRY_MAX_DELAY_CONFIG);
    }

    public boolean errorsLogEnable() {
        return getBoolean(ERRORS_LOG_ENABLE_CONFIG);
    }

    public boolean errorsLogIncludeMessages() {
        return getBoolean(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG);
    }

    /** The connector's client overrides for one prefix, e.g. {@link #CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX}, without it. */
    public Map<String, String> clientOverrides(String prefix) {
        return ConfigDefs.withPrefix(props, prefix);
    }

    private static String transformPrefix(String alias) {
        return TRANSFORMS_CONFIG + "." + alias + ".";
    }
}

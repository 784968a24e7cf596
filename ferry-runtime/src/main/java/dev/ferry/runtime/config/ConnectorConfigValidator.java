package dev.ferry.runtime.config;

import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.PluginFailure;
import dev.ferry.runtime.plugins.PluginNotFoundException;
import dev.ferry.runtime.plugins.PluginVersionException;
import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Answers "is this connector configuration valid?" the way Apache Kafka Connect does, for
 * {@code PUT /connector-plugins/{type}/config/validate} and before every create or update.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li>Resolve {@code ${...}} references with the worker's config providers.</li>
 *   <li>Require {@code connector.class} and load the connector (honouring
 *       {@code connector.plugin.version}). Apache answers 500 for a missing or unknown class;
 *       Ferry answers 400 with a message that says what to change.</li>
 *   <li>Enrich the framework definition (sink or source, with topic creation groups) with each
 *       transformation's and predicate's settings, and validate it.</li>
 *   <li>Sink topic rules; for sources with {@code exactly.once.support=required} or
 *       {@code transaction.boundary=connector}, ask the connector whether it can.</li>
 *   <li>The connector's own {@code config()} and {@code validate()}.</li>
 *   <li>Each converter the connector sets itself, against its own definition under
 *       {@code key.converter.} and so on.</li>
 *   <li>Client overrides ({@code producer.override.*} etc.) against the worker's override policy,
 *       for the clients the connector will use.</li>
 *   <li>Merge, in Apache's order: framework and connector, producer, consumer, admin, header,
 *       key and value converter.</li>
 * </ol>
 *
 * <h2>Counting errors</h2>
 * As in Apache, the framework and connector part counts every error message, while the
 * prefixed parts (client overrides and converters) count each config that has errors once.
 * {@link #invalidConfigMessage} lists every message.
 *
 * <p>Runs plugin code (with the plugin's loader as context loader), so call it off the herder
 * thread; it keeps no state between calls and may run concurrently.
 */
public final class ConnectorConfigValidator {

    private final Plugins plugins;
    private final WorkerConfig worker;
    private final ConfigResolver resolver;
    private final ConnectorClientConfigOverridePolicy policy;

    public ConnectorConfigValidator(Plugins plugins, WorkerConfig worker, ConfigResolver resolver,
                                    ConnectorClientConfigOverridePolicy policy) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Validates a connector configuration.
     *
     * @param rawConfig the config as submitted, {@code ${...}} references unresolved
     * @return every config with its definition, value and errors; errors do not throw
     * @throws InvalidRequestException if {@code connector.class} is missing or names no installed
     *                                 connector, or the config cannot be resolved or inspected at all
     */
    public ValidationResult validate(Map<String, String> rawConfig) {
        Map<String, String> config = resolve(rawConfig);
        String connectorName = config.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        if (connectorName == null || connectorName.isBlank()) {
            throw new InvalidRequestException("The connector configuration has no '" + ConnectorConfig.CONNECTOR_CLASS_CONFIG
                    + "'. Add it with the connector's class name or alias, e.g. \"connector.class\": "
                    + "\"org.apache.kafka.connect.file.FileStreamSinkConnector\"; GET /connector-plugins lists the installed connectors.");
        }
        Class<? extends Connector> connectorClass = connectorClass(connectorName.trim(), config.get(ConnectorConfig.CONNECTOR_VERSION));
        boolean sink = plugins.connectorType(connectorClass) == PluginType.SINK;
        ClassLoader connectorLoader = plugins.loaderOf(connectorClass);
        try (LoaderSwap swap = Plugins.swapLoader(connectorLoader)) {
            Connector connector = plugins.newInstance(connectorClass);

            ConfigDef base = sink ? SinkConnectorConfig.configDef()
                    : SourceConnectorConfig.withTopicCreation(SourceConnectorConfig.configDef(), config, worker.topicCreationEnable());
            ConnectorConfigEnricher.Enriched enriched = ConnectorConfigEnricher.enrich(plugins, base, config, connectorLoader);
            // Apache's answer shows the plugins that may be chosen and the versions in use (differential REST suite).
            enriched = new ConnectorConfigEnricher.Enriched(
                    new PluginDefaults(plugins).apply(enriched.def(), connectorClass, worker, enriched.values()),
                    enriched.values(), enriched.pluginErrors(), enriched.unresolved());
            Map<String, ConfigValue> framework = validateFramework(enriched, config);
            if (sink) {
                SinkConnectorConfig.validate(config, framework);
            } else {
                ExactlyOnceChecks.check((SourceConnector) connector, config, framework, worker.exactlyOnceSourceEnabled());
            }
            config.forEach((key, value) -> {
                if (value == null) {
                    framework.computeIfAbsent(key, ConfigValue::new)
                            .addErrorMessage("Null value can not be supplied as the configuration value.");
                }
            });

            ConfigDef connectorDef = callConnector(connectorClass, "config()", connector::config);
            if (connectorDef == null) {
                throw new InvalidRequestException(connectorClass.getName() + ".config() must return a ConfigDef that is not null. "
                        + "This is a bug in the connector; report it to its authors.");
            }
            Config connectorResult = callConnector(connectorClass, "validate()", () -> connector.validate(config));
            if (connectorResult == null) {
                throw new InvalidRequestException(connectorClass.getName() + ".validate() must return a Config that is not null. "
                        + "This is a bug in the connector; report it to its authors.");
            }
            Map<String, ConfigKey> keys = new LinkedHashMap<>(enriched.def().configKeys());
            keys.putAll(connectorDef.configKeys());
            Set<String> groups = new LinkedHashSet<>(enriched.def().groups());
            groups.addAll(connectorDef.groups());
            List<ConfigValue> values = new ArrayList<>(framework.values());
            values.addAll(connectorResult.configValues());
            ValidationPart main = ValidationPart.combine(keys, values, new ArrayList<>(groups));

            String name = config.get(ConnectorConfig.NAME_CONFIG);
            ConnectorType type = sink ? ConnectorType.SINK : ConnectorType.SOURCE;
            boolean usesProducer = !sink || SinkConnectorConfig.hasDlqTopicConfig(config);
            boolean usesAdmin = sink ? SinkConnectorConfig.hasDlqTopicConfig(config) : SourceConnectorConfig.usesTopicCreation(config);
            ValidationPart producer = usesProducer ? clientOverrides(name, config, connectorClass, type, ClientType.PRODUCER,
                    ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX, ProducerConfig.configDef()) : null;
            ValidationPart consumer = sink ? clientOverrides(name, config, connectorClass, type, ClientType.CONSUMER,
                    ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX, ConsumerConfig.configDef()) : null;
            ValidationPart admin = usesAdmin ? clientOverrides(name, config, connectorClass, type, ClientType.ADMIN,
                    ConnectorConfig.CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX, AdminClientConfig.configDef()) : null;
            ValidationPart headerConverter = converter(config, framework, ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG,
                    PluginType.HEADER_CONVERTER, ConverterType.HEADER, connectorLoader);
            ValidationPart keyConverter = converter(config, framework, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG,
                    PluginType.CONVERTER, ConverterType.KEY, connectorLoader);
            ValidationPart valueConverter = converter(config, framework, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG,
                    PluginType.CONVERTER, ConverterType.VALUE, connectorLoader);
            return ValidationPart.merge(connectorName, main, producer, consumer, admin, headerConverter, keyConverter, valueConverter,
                    restartPolicy(config));
        }
    }

    /** Ferry's restart policy settings, validated only when the config uses them (Apache has none). */
    private static ValidationPart restartPolicy(Map<String, String> config) {
        if (!AutoRestartConfig.mentioned(config)) {
            return null;
        }
        Map<String, String> own = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(AutoRestartConfig.PREFIX)) {
                own.put(k, v);
            }
        });
        ConfigDef def = AutoRestartConfig.configDef();
        List<ConfigValue> values = new ArrayList<>(def.validate(own));
        for (String key : own.keySet()) {
            if (!def.names().contains(key)) {
                ConfigValue unknown = new ConfigValue(key, own.get(key), List.of(), new ArrayList<>());
                unknown.addErrorMessage("Unknown Ferry restart setting '" + key + "'; the settings are "
                        + String.join(", ", new java.util.TreeSet<>(def.names())));
                values.add(unknown);
            }
        }
        return ValidationPart.combine(def.configKeys(), values, new ArrayList<>(def.groups()));
    }

    private Map<String, String> resolve(Map<String, String> rawConfig) {
        try {
            return new LinkedHashMap<>(resolver.resolveForValidation(rawConfig));
        } catch (ConfigException e) {
            throw new InvalidRequestException("Could not resolve the ${...} references in the connector configuration: "
                    + Sentences.end(e.getMessage()), e);
        }
    }

    private Class<? extends Connector> connectorClass(String name, String version) {
        try {
            return plugins.connectorClass(name, version);
        } catch (PluginNotFoundException | PluginVersionException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    /** Validates the framework settings, reporting plugin lookup failures on the key that named the plugin. */
    private static Map<String, ConfigValue> validateFramework(ConnectorConfigEnricher.Enriched enriched, Map<String, String> config) {
        Map<String, ConfigValue> result = new LinkedHashMap<>(ConfigDefs.validateAll(enriched.def(), enriched.values()));
        for (String key : enriched.unresolved()) {
            List<String> errors = new ArrayList<>();
            String error = enriched.pluginErrors().get(key);
            if (error != null) {
                errors.add(error);
            }
            // Keep what the definition recommends (the installed plugins), as Apache's answer does.
            ConfigValue validated = result.get(key);
            List<Object> recommended = validated == null ? new ArrayList<>() : new ArrayList<>(validated.recommendedValues());
            result.put(key, new ConfigValue(key, null, recommended, errors));
        }
        enriched.pluginErrors().forEach((key, error) -> {
            if (!enriched.unresolved().contains(key)) {
                result.computeIfAbsent(key, k -> new ConfigValue(k, config.get(k), new ArrayList<>(), new ArrayList<>()))
                        .addErrorMessage(error);
            }
        });
        return result;
    }

    /** Calls the connector's {@code method}; whatever it throws (Errors too) becomes a 500 that names the cause. */
    private <T> T callConnector(Class<?> connectorClass, String method, Supplier<T> call) {
        return callPlugin(connectorClass, method, call);
    }

    /**
     * Calls plugin code. A missing class, a failed static initialiser or any other {@link Error} becomes a
     * {@link ConnectException} that names the plugin, its location, the method and the real cause (with the jar to
     * add), so that no Error reaches the REST layer as an empty answer; other exceptions pass unchanged, answered
     * with their own message as Apache answers them.
     */
    private <T> T callPlugin(Class<?> pluginClass, String method, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!PluginFailure.explains(e)) {
                throw e;
            }
            throw pluginFailed(pluginClass, method, e);
        } catch (Throwable e) {
            throw pluginFailed(pluginClass, method, e);
        }
    }

    private ConnectException pluginFailed(Class<?> pluginClass, String method, Throwable e) {
        return new ConnectException("Plugin " + pluginClass.getName() + " from " + plugins.locationOf(pluginClass)
                + " failed in " + method + ": " + PluginFailure.describe(e)
                + (PluginFailure.explains(e) ? "." : ". Check the plugin and the libraries it depends on."), e);
    }

    /** A plugin failure in words, for a config error message. */
    static String failure(Throwable e) {
        if (PluginFailure.explains(e)) {
            return PluginFailure.describe(e);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private ValidationPart clientOverrides(String connectorName, Map<String, String> config, Class<? extends Connector> connectorClass,
                                 ConnectorType type, ClientType clientType, String prefix, ConfigDef clientDef) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        ConfigDefs.withPrefix(config, prefix).forEach((key, value) -> {
            ConfigKey definition = clientDef.configKeys().get(key);
            Object parsed = value;
            if (definition != null) {
                try {
                    parsed = ConfigDef.parseType(key, value, definition.type);
                } catch (ConfigException e) {
                    parsed = value;
                }
            }
            overrides.put(key, parsed);
        });
        List<ConfigValue> verdicts = policy.validate(
                new ConnectorClientConfigRequest(connectorName, type, connectorClass, overrides, clientType));
        return ValidationPart.prefixed(clientDef.configKeys(), verdicts, prefix);
    }

    /**
     * Validates a converter the connector configures itself, against the converter's own
     * definition; skipped when the connector uses the worker's converter or the class is invalid.
     */
    private ValidationPart converter(Map<String, String> config, Map<String, ConfigValue> framework, String key, PluginType pluginType,
                           ConverterType converterType, ClassLoader connectorLoader) {
        String className = config.get(key);
        ConfigValue classValue = framework.get(key);
        if (className == null || classValue == null || !classValue.errorMessages().isEmpty()) {
            return null;
        }
        String kind = converterType.getName() + " converter";
        Object instance;
        try {
            Class<?> converterClass = plugins.pluginClass(className.trim(), pluginType,
                    config.get(key + "." + ConnectorConfig.PLUGIN_VERSION_SUFFIX), connectorLoader);
            instance = plugins.newInstance(converterClass);
        } catch (RuntimeException | LinkageError e) {
            classValue.addErrorMessage("Failed to load class " + className + ": " + failure(e));
            return null;
        }
        try (LoaderSwap swap = Plugins.swapLoader(plugins.loaderOf(instance.getClass()))) {
            ConfigDef def;
            try {
                def = instance instanceof HeaderConverter header && pluginType == PluginType.HEADER_CONVERTER
                        ? header.config() : ((Converter) instance).config();
            } catch (Throwable e) {
                classValue.addErrorMessage("Failed to load ConfigDef from " + kind + ": " + failure(e));
                return null;
            }
            if (def == null) {
                // Older converters return null; Apache skips their validation too.
                return null;
            }
            String prefix = key + ".";
            Map<String, String> converterConfig = ConfigDefs.withPrefix(config, prefix);
            converterConfig.remove(ConnectorConfig.PLUGIN_VERSION_SUFFIX);
            converterConfig.putIfAbsent(ConverterConfig.TYPE_CONFIG, converterType.getName());
            try {
                return ValidationPart.prefixed(def.configKeys(), def.validate(converterConfig), prefix);
            } catch (Throwable e) {
                classValue.addErrorMessage("Failed to perform config validation for " + kind + ": " + failure(e));
                return null;
            }
        } finally {
            if (instance instanceof AutoCloseable closeable) {
                Utils.closeQuietly(closeable, kind);
            }
        }
    }

    /**
     * The message of the 400 answer to a create or update whose config has errors, exactly as
     * Apache words it: the error count, every error message on its own line, and a pointer to the
     * validate endpoint.
     */
    public static String invalidConfigMessage(ValidationResult result) {
        StringBuilder message = new StringBuilder("Connector configuration is invalid and contains the following ")
                .append(result.errorCount()).append(" error(s):");
        for (ValidationResult.Entry entry : result.configs()) {
            if (entry.value() != null) {
                for (String error : entry.value().errorMessages()) {
                    message.append('\n').append(error);
                }
            }
        }
        return message.append("\nYou can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`").toString();
    }

    /**
     * The settings of a plugin for {@code GET /connector-plugins/{plugin}/config}: the plugin's own
     * definitions first, then, for connectors, the framework's sink or source definitions that the
     * plugin does not define itself. Works for connectors, converters, header converters,
     * transformations and predicates.
     *
     * @throws NotFoundException       if no such plugin is installed
     * @throws InvalidRequestException if the plugin is of a kind that has no connector-facing settings
     */
    public List<ConfigKey> pluginConfigKeys(String plugin, String versionSpec) {
        Class<?> pluginClass = findPlugin(plugin, versionSpec);
        try (LoaderSwap swap = Plugins.swapLoader(plugins.loaderOf(pluginClass))) {
            Object instance = plugins.newInstance(pluginClass);
            try {
                ConfigDef base = null;
                ConfigDef own;
                if (instance instanceof SinkConnector connector) {
                    base = SinkConnectorConfig.configDef();
                    own = callPlugin(pluginClass, "config()", connector::config);
                } else if (instance instanceof SourceConnector connector) {
                    base = SourceConnectorConfig.configDef();
                    own = callPlugin(pluginClass, "config()", connector::config);
                } else if (instance instanceof Converter converter) {
                    own = callPlugin(pluginClass, "config()", converter::config);
                } else if (instance instanceof HeaderConverter converter) {
                    own = callPlugin(pluginClass, "config()", converter::config);
                } else if (instance instanceof Transformation<?> transformation) {
                    own = callPlugin(pluginClass, "config()", transformation::config);
                } else if (instance instanceof Predicate<?> predicate) {
                    own = callPlugin(pluginClass, "config()", predicate::config);
                } else {
                    throw invalidPluginKind(plugin);
                }
                Map<String, ConfigKey> keys = new LinkedHashMap<>(own == null ? Map.of() : own.configKeys());
                if (base != null) {
                    // As Apache lists it: connector.plugin.version defaults to this connector's version.
                    new PluginDefaults(plugins).apply(base, pluginClass, null, Map.of()).configKeys().forEach(keys::putIfAbsent);
                }
                return List.copyOf(keys.values());
            } finally {
                if (instance instanceof AutoCloseable closeable) {
                    Utils.closeQuietly(closeable, "plugin " + plugin);
                }
            }
        }
    }

    private Class<?> findPlugin(String plugin, String versionSpec) {
        try {
            return plugins.connectorClass(plugin, versionSpec);
        } catch (PluginNotFoundException e) {
            // not a connector; try the other kinds below
        } catch (PluginVersionException e) {
            // a version that is not installed is the client's mistake: 400, as Apache answers
            throw new InvalidRequestException(e.getMessage(), e);
        }
        for (PluginType type : List.of(PluginType.CONVERTER, PluginType.HEADER_CONVERTER, PluginType.TRANSFORMATION,
                PluginType.PREDICATE)) {
            try {
                return plugins.pluginClass(plugin, type, versionSpec);
            } catch (PluginNotFoundException e) {
                // try the next kind
            } catch (PluginVersionException e) {
                throw new InvalidRequestException(e.getMessage(), e);
            }
        }
        for (PluginType type : List.of(PluginType.CONFIG_PROVIDER, PluginType.REST_EXTENSION,
                PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY)) {
            try {
                plugins.pluginClass(plugin, type, null);
                throw invalidPluginKind(plugin);
            } catch (PluginNotFoundException e) {
                // not this kind either
            }
        }
        throw new NotFoundException("Unknown plugin " + plugin + ". GET /connector-plugins?connectorsOnly=false lists "
                + "the installed plugins.");
    }

    private static InvalidRequestException invalidPluginKind(String plugin) {
        return new InvalidRequestException("Invalid plugin class " + plugin + ". Valid types are sink, source, converter, "
                + "header_converter, transformation, predicate.");
    }
}

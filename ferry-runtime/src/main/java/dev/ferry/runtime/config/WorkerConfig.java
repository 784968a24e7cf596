package dev.ferry.runtime.config;

import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.Sentences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.ClientDnsLookup;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings every worker has, standalone or distributed: how to reach Kafka, the default
 * converters, offset commit timing, where plugins live, config providers, the client override
 * policy, topic creation and tracking, metrics, the REST server ({@link RestServerConfig}) and
 * the Kafka client TLS/SASL settings. Names, types and defaults are Apache Kafka Connect's, so a
 * worker.properties written for Apache works unchanged.
 *
 * <p>Construction checks every value at once and throws one {@link ConfigException} listing each
 * problem with the key, the value and what to write instead. {@code ${provider:path:key}}
 * references are resolved with the worker's own {@code config.providers} (classpath providers,
 * restricted by the {@code org.apache.kafka.automatic.config.providers} system property), as
 * Apache does; {@link #pluginPath()} deliberately uses the raw value, because plugins are scanned
 * before providers exist.
 */
public class WorkerConfig extends AbstractConfig {
    private static final Logger log = LoggerFactory.getLogger(WorkerConfig.class);

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers (host:port, comma-separated) the worker "
            + "connects to first; the clients discover the rest of the cluster from them. List more than one "
            + "so the worker can start while a broker is down.";

    public static final String CLIENT_DNS_LOOKUP_CONFIG = CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG;

    public static final String PLUGIN_VERSION_SUFFIX = "plugin.version";

    public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
    public static final String KEY_CONVERTER_VERSION = KEY_CONVERTER_CLASS_CONFIG + "." + PLUGIN_VERSION_SUFFIX;
    private static final String KEY_CONVERTER_CLASS_DOC = "Default converter for record keys, used by "
            + "connectors that do not set their own: it turns Connect data into the bytes written to Kafka "
            + "and back (e.g. org.apache.kafka.connect.json.JsonConverter). Converter settings go under "
            + "'key.converter.', e.g. key.converter.schemas.enable=false.";

    public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
    public static final String VALUE_CONVERTER_VERSION = VALUE_CONVERTER_CLASS_CONFIG + "." + PLUGIN_VERSION_SUFFIX;
    private static final String VALUE_CONVERTER_CLASS_DOC = "Default converter for record values, used by "
            + "connectors that do not set their own. Converter settings go under 'value.converter.'.";

    public static final String HEADER_CONVERTER_CLASS_CONFIG = "header.converter";
    public static final String HEADER_CONVERTER_VERSION = HEADER_CONVERTER_CLASS_CONFIG + "." + PLUGIN_VERSION_SUFFIX;
    public static final String HEADER_CONVERTER_CLASS_DEFAULT = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    private static final String HEADER_CONVERTER_CLASS_DOC = "Default converter for record header values. "
            + "The default, SimpleHeaderConverter, writes header values as strings and infers a schema when reading.";
    private static final String CONVERTER_VERSION_DOC = "Version of the %s plugin to use: an exact version or a "
            + "Maven version range. Unset means the newest installed version.";

    public static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG = "task.shutdown.graceful.timeout.ms";
    public static final long TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT = 5000L;
    private static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DOC = "How long to wait, in total across all "
            + "tasks, for tasks to stop cleanly before they are abandoned.";

    public static final String OFFSET_COMMIT_INTERVAL_MS_CONFIG = "offset.flush.interval.ms";
    public static final long OFFSET_COMMIT_INTERVAL_MS_DEFAULT = 60000L;
    private static final String OFFSET_COMMIT_INTERVAL_MS_DOC = "How often tasks commit offsets: source offsets "
            + "to the offset store and sink offsets to the consumer group.";

    public static final String OFFSET_COMMIT_TIMEOUT_MS_CONFIG = "offset.flush.timeout.ms";
    public static final long OFFSET_COMMIT_TIMEOUT_MS_DEFAULT = 5000L;
    private static final String OFFSET_COMMIT_TIMEOUT_MS_DOC = "The longest a commit may wait for outstanding "
            + "records to be acknowledged and offsets to be written; an unfinished commit is abandoned and its "
            + "offsets are committed in a later attempt. Not used by exactly-once source tasks.";

    public static final String PLUGIN_PATH_CONFIG = "plugin.path";
    private static final String PLUGIN_PATH_DOC = "Comma-separated directories holding plugins. Each child of "
            + "such a directory is one plugin: a directory of jars, an uber-jar, or a directory of classes; each "
            + "gets its own class loader. Symbolic links are followed. Do not use ${...} references here: "
            + "plugins are scanned before config providers are available, so the raw value is used.";

    public static final String PLUGIN_DISCOVERY_CONFIG = "plugin.discovery";
    public static final String PLUGIN_DISCOVERY_DEFAULT = "hybrid_warn";
    /** The accepted plugin.discovery modes (case-insensitive). */
    public static final List<String> PLUGIN_DISCOVERY_MODES = List.of("only_scan", "service_load", "hybrid_warn", "hybrid_fail");
    private static final String PLUGIN_DISCOVERY_DOC = "How plugins are found: 'only_scan' inspects classes; "
            + "'service_load' reads only META-INF/services manifests (fastest); 'hybrid_warn' does both and warns "
            + "about plugins without manifests; 'hybrid_fail' does both and refuses to start if any manifest is missing.";

    public static final String CONFIG_PROVIDERS_CONFIG = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
    private static final String CONFIG_PROVIDERS_DOC = "Names of config providers, comma-separated. For each "
            + "name set config.providers.<name>.class and optionally config.providers.<name>.param.<key>. "
            + "Connector configs may then reference values as ${<name>:<path>:<key>}, e.g. for secrets.";

    public static final String CONNECTOR_CLIENT_POLICY_CLASS_CONFIG = "connector.client.config.override.policy";
    public static final String CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT = "All";
    private static final String CONNECTOR_CLIENT_POLICY_CLASS_DOC = "Which Kafka client settings connectors may "
            + "override with producer.override.*, consumer.override.* and admin.override.*: 'All', 'None', "
            + "'Principal' (only the client identity), 'Allowlist' (the keys in "
            + "connector.client.config.override.allowlist), or the class name of a ConnectorClientConfigOverridePolicy.";

    public static final String CONNECTOR_CLIENT_OVERRIDE_ALLOWLIST_CONFIG = "connector.client.config.override.allowlist";
    private static final String CONNECTOR_CLIENT_OVERRIDE_ALLOWLIST_DOC = "The client settings connectors may "
            + "override when connector.client.config.override.policy is 'Allowlist'.";

    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;
    public static final String METRIC_REPORTER_CLASSES_DEFAULT = "org.apache.kafka.common.metrics.JmxReporter";
    /** Extra labels for every metric, as {@code metrics.context.<label>=<value>}. */
    public static final String METRICS_CONTEXT_PREFIX = CommonClientConfigs.METRICS_CONTEXT_PREFIX;

    public static final String TOPIC_TRACKING_ENABLE_CONFIG = "topic.tracking.enable";
    public static final boolean TOPIC_TRACKING_ENABLE_DEFAULT = true;
    private static final String TOPIC_TRACKING_ENABLE_DOC = "Whether to record which topics each connector "
            + "uses while it runs (GET /connectors/{name}/topics).";

    public static final String TOPIC_TRACKING_ALLOW_RESET_CONFIG = "topic.tracking.allow.reset";
    public static final boolean TOPIC_TRACKING_ALLOW_RESET_DEFAULT = true;
    private static final String TOPIC_TRACKING_ALLOW_RESET_DOC = "Whether users may clear a connector's "
            + "recorded topics (PUT /connectors/{name}/topics/reset).";

    public static final String TOPIC_CREATION_ENABLE_CONFIG = "topic.creation.enable";
    public static final boolean TOPIC_CREATION_ENABLE_DEFAULT = true;
    private static final String TOPIC_CREATION_ENABLE_DOC = "Whether source connectors that set "
            + "topic.creation.* properties have their topics created by their tasks, through an admin client, "
            + "instead of relying on the brokers' automatic topic creation.";

    /** The metrics context label carrying the Kafka cluster id. */
    public static final String CONNECT_KAFKA_CLUSTER_ID = "connect.kafka.cluster.id";
    /** The metrics context label carrying the Connect group id (distributed mode). */
    public static final String CONNECT_GROUP_ID = "connect.group.id";

    private static final Map<String, String> EXAMPLES = Map.of(
            BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
            KEY_CONVERTER_CLASS_CONFIG, "org.apache.kafka.connect.json.JsonConverter",
            VALUE_CONVERTER_CLASS_CONFIG, "org.apache.kafka.connect.json.JsonConverter",
            StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, "/var/lib/ferry/connect.offsets",
            "group.id", "connect-cluster",
            "config.storage.topic", "connect-configs",
            "offset.storage.topic", "connect-offsets",
            "status.storage.topic", "connect-status");

    private static final String MISSING_REQUIRED = "Missing required configuration";

    private final Map<String, String> rawProps;

    /**
     * The definitions shared by all worker modes. Subclasses copy it and add their own.
     *
     * @return a new, modifiable definition
     */
    public static ConfigDef baseConfigDef() {
        ConfigDef def = new ConfigDef()
                .define(BOOTSTRAP_SERVERS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDefs.uniqueList(false, false, "broker1:9092,broker2:9092"), Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
                .define(CLIENT_DNS_LOOKUP_CONFIG, Type.STRING, ClientDnsLookup.USE_ALL_DNS_IPS.toString(),
                        ConfigDef.ValidString.in(ClientDnsLookup.USE_ALL_DNS_IPS.toString(),
                                ClientDnsLookup.RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY.toString()),
                        Importance.MEDIUM, CommonClientConfigs.CLIENT_DNS_LOOKUP_DOC)
                .define(KEY_CONVERTER_CLASS_CONFIG, Type.CLASS, Importance.HIGH, KEY_CONVERTER_CLASS_DOC)
                .define(KEY_CONVERTER_VERSION, Type.STRING, null, Importance.LOW, String.format(CONVERTER_VERSION_DOC, "key converter"))
                .define(VALUE_CONVERTER_CLASS_CONFIG, Type.CLASS, Importance.HIGH, VALUE_CONVERTER_CLASS_DOC)
                .define(VALUE_CONVERTER_VERSION, Type.STRING, null, Importance.LOW, String.format(CONVERTER_VERSION_DOC, "value converter"))
                .define(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG, Type.LONG, TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT,
                        Importance.LOW, TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DOC)
                .define(OFFSET_COMMIT_INTERVAL_MS_CONFIG, Type.LONG, OFFSET_COMMIT_INTERVAL_MS_DEFAULT,
                        Importance.LOW, OFFSET_COMMIT_INTERVAL_MS_DOC)
                .define(OFFSET_COMMIT_TIMEOUT_MS_CONFIG, Type.LONG, OFFSET_COMMIT_TIMEOUT_MS_DEFAULT,
                        Importance.LOW, OFFSET_COMMIT_TIMEOUT_MS_DOC)
                .define(PLUGIN_PATH_CONFIG, Type.LIST, null,
                        ConfigDefs.uniqueList(false, true, "/opt/connectors,/usr/share/java"), Importance.LOW, PLUGIN_PATH_DOC)
                .define(PLUGIN_DISCOVERY_CONFIG, Type.STRING, PLUGIN_DISCOVERY_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(PLUGIN_DISCOVERY_MODES.toArray(new String[0])),
                        Importance.LOW, PLUGIN_DISCOVERY_DOC)
                .define(METRICS_SAMPLE_WINDOW_MS_CONFIG, Type.LONG, 30000, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_DOC)
                .define(METRICS_NUM_SAMPLES_CONFIG, Type.INT, 2, ConfigDef.Range.atLeast(1),
                        Importance.LOW, CommonClientConfigs.METRICS_NUM_SAMPLES_DOC)
                .define(METRICS_RECORDING_LEVEL_CONFIG, Type.STRING, "INFO", ConfigDef.ValidString.in("INFO", "DEBUG"),
                        Importance.LOW, CommonClientConfigs.METRICS_RECORDING_LEVEL_DOC)
                .define(METRIC_REPORTER_CLASSES_CONFIG, Type.LIST, METRIC_REPORTER_CLASSES_DEFAULT,
                        ConfigDefs.uniqueList(true, false, METRIC_REPORTER_CLASSES_DEFAULT),
                        Importance.LOW, CommonClientConfigs.METRIC_REPORTER_CLASSES_DOC)
                .define(HEADER_CONVERTER_CLASS_CONFIG, Type.CLASS, HEADER_CONVERTER_CLASS_DEFAULT,
                        Importance.LOW, HEADER_CONVERTER_CLASS_DOC)
                .define(HEADER_CONVERTER_VERSION, Type.STRING, null, Importance.LOW, String.format(CONVERTER_VERSION_DOC, "header converter"))
                .define(CONFIG_PROVIDERS_CONFIG, Type.LIST, Collections.emptyList(),
                        ConfigDefs.uniqueList(true, false, "file,env"), Importance.LOW, CONFIG_PROVIDERS_DOC)
                .define(CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, Type.STRING, CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT,
                        new ConfigDef.NonEmptyString(), Importance.MEDIUM, CONNECTOR_CLIENT_POLICY_CLASS_DOC)
                .define(CONNECTOR_CLIENT_OVERRIDE_ALLOWLIST_CONFIG, Type.LIST, Collections.emptyList(),
                        ConfigDefs.uniqueList(true, false, "sasl.jaas.config,client.id"),
                        Importance.MEDIUM, CONNECTOR_CLIENT_OVERRIDE_ALLOWLIST_DOC)
                .define(TOPIC_CREATION_ENABLE_CONFIG, Type.BOOLEAN, TOPIC_CREATION_ENABLE_DEFAULT,
                        Importance.LOW, TOPIC_CREATION_ENABLE_DOC)
                .define(TOPIC_TRACKING_ENABLE_CONFIG, Type.BOOLEAN, TOPIC_TRACKING_ENABLE_DEFAULT,
                        Importance.LOW, TOPIC_TRACKING_ENABLE_DOC)
                .define(TOPIC_TRACKING_ALLOW_RESET_CONFIG, Type.BOOLEAN, TOPIC_TRACKING_ALLOW_RESET_DEFAULT,
                        Importance.LOW, TOPIC_TRACKING_ALLOW_RESET_DOC)
                .define(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, Type.STRING, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL,
                        ConfigDef.CaseInsensitiveValidString.in(SecurityProtocol.names().toArray(new String[0])),
                        Importance.MEDIUM, CommonClientConfigs.SECURITY_PROTOCOL_DOC)
                .withClientSslSupport()
                .withClientSaslSupport();
        RestServerConfig.addTo(def);
        return def;
    }

    /**
     * Parses and checks worker properties, loading converter classes from the worker's classpath.
     *
     * @param definition the definition of the worker mode
     * @param props      the worker properties, as read from the file and environment
     * @throws ConfigException listing every invalid or missing setting
     */
    protected WorkerConfig(ConfigDef definition, Map<String, String> props) {
        this(definition, props, ClassLookup.CLASSPATH);
    }

    /**
     * Parses and checks worker properties, resolving converter names and aliases with {@code classes}
     * (the plugin registry), since converters may live on {@code plugin.path}.
     */
    protected WorkerConfig(ConfigDef definition, Map<String, String> props, ClassLookup classes) {
        super(definition, checked(definition, props, classes), true);
        this.rawProps = Collections.unmodifiableMap(new LinkedHashMap<>(props));
        warnAboutRemovedSettings();
        warnAboutVariablesInPluginPath();
        UnknownWorkerKeys.warn(definition, rawProps);
    }

    /** Resolves a plugin class name or alias of a given type; throws when it is unknown. */
    @FunctionalInterface
    public interface ClassLookup {
        /** Loads plain class names from the worker's own class loader. */
        ClassLookup CLASSPATH = (name, type, version) -> Class.forName(name, false, WorkerConfig.class.getClassLoader());

        Class<?> find(String nameOrAlias, PluginType type, String versionSpec) throws Exception;
    }

    /**
     * Resolves {@code ${...}} references, loads the converter classes and validates everything;
     * returns the values ready for {@link AbstractConfig} or throws one exception naming every problem.
     */
    private static Map<String, Object> checked(ConfigDef definition, Map<String, String> props, ClassLookup classes) {
        Objects.requireNonNull(props, "props");
        Map<String, Object> values = new LinkedHashMap<>(new AbstractConfig(new ConfigDef(), props, false).originals());
        List<String> problems = new ArrayList<>();
        resolveConverterClass(values, KEY_CONVERTER_CLASS_CONFIG, KEY_CONVERTER_VERSION, PluginType.CONVERTER, classes, problems);
        resolveConverterClass(values, VALUE_CONVERTER_CLASS_CONFIG, VALUE_CONVERTER_VERSION, PluginType.CONVERTER, classes, problems);
        resolveConverterClass(values, HEADER_CONVERTER_CLASS_CONFIG, HEADER_CONVERTER_VERSION, PluginType.HEADER_CONVERTER, classes, problems);
        for (ConfigValue value : ConfigDefs.validateAll(definition, values).values()) {
            if (problems.stream().anyMatch(p -> p.startsWith(value.name() + ": "))) {
                continue;
            }
            List<String> errors = value.errorMessages();
            // A missing required value also fails its validator; the "missing" message says it best.
            List<String> missing = errors.stream().filter(e -> e.startsWith(MISSING_REQUIRED)).toList();
            for (String error : missing.isEmpty() ? errors : missing) {
                problems.add(value.name() + ": " + Sentences.end(error) + hint(value.name(), error, definition));
            }
        }
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new ConfigException("The worker configuration has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
        return values;
    }

    private static void resolveConverterClass(Map<String, Object> values, String key, String versionKey, PluginType type,
                                              ClassLookup classes, List<String> problems) {
        Object value = values.get(key);
        if (!(value instanceof String name) || name.isBlank()) {
            return;
        }
        Object version = values.get(versionKey);
        try {
            values.put(key, classes.find(name.trim(), type, version == null ? null : version.toString()));
        } catch (Exception | LinkageError e) {
            problems.add(key + ": Cannot load " + type.jsonName().replace('_', ' ') + " '" + name + "'"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ". Check the class name or alias, or install the plugin in a directory listed in plugin.path.");
        }
    }

    private static String hint(String key, String error, ConfigDef definition) {
        String env = EnvironmentConfig.envVarFor(key);
        if (error.startsWith(MISSING_REQUIRED)) {
            String example = EXAMPLES.getOrDefault(key, "<value>");
            return " Add '" + key + "=" + example + "' to the worker properties, or set " + env + " in the environment.";
        }
        ConfigDef.ConfigKey configKey = definition.configKeys().get(key);
        String valid = configKey == null || configKey.validator == null ? "" : configKey.validator.toString();
        boolean listed = error.contains(valid) || error.contains("one of");
        String suffix = valid.isBlank() || listed ? "" : " Valid values: " + valid + ".";
        return suffix + " Fix '" + key + "' in the worker properties (or " + env + ").";
    }

    private void warnAboutRemovedSettings() {
        List<String> removed = new ArrayList<>();
        for (String key : rawProps.keySet()) {
            if (key.startsWith("internal.key.converter") || key.startsWith("internal.value.converter")
                    || key.equals("rest.host.name") || key.equals("rest.port")) {
                removed.add(key);
            }
        }
        if (!removed.isEmpty()) {
            log.warn("Ignoring worker settings that Kafka Connect removed: {}. Internal topics always use JSON without "
                    + "schemas; use 'listeners' (e.g. listeners=http://:8083) instead of rest.host.name/rest.port.", removed);
        }
    }

    private void warnAboutVariablesInPluginPath() {
        String raw = rawProps.get(PLUGIN_PATH_CONFIG);
        if (raw != null && raw.contains("${")) {
            log.warn("plugin.path contains a ${{...}} reference ('{}'), which is not resolved: plugins are scanned "
                    + "before config providers exist. Write the directories literally.", raw);
        }
    }

    /** The worker properties exactly as given, with {@code ${...}} references unresolved. */
    public Map<String, String> rawProps() {
        return rawProps;
    }

    /** The configured properties with references resolved, minus {@code config.providers} itself (as Apache). */
    @Override
    public Map<String, Object> originals() {
        Map<String, Object> originals = super.originals();
        originals.remove(CONFIG_PROVIDERS_CONFIG);
        return originals;
    }

    public String bootstrapServers() {
        return String.join(",", getList(BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The plugin directories, from the raw (unresolved) value; empty when unset. */
    public List<String> pluginPath() {
        return pluginPath(rawProps);
    }

    /** The plugin directories named by raw worker properties, before a {@code WorkerConfig} can be built. */
    public static List<String> pluginPath(Map<String, String> props) {
        String raw = props.get(PLUGIN_PATH_CONFIG);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String entry : raw.split(",")) {
            if (!entry.isBlank()) {
                result.add(entry.trim());
            }
        }
        return result;
    }

    /** The plugin discovery mode in lower case: one of {@link #PLUGIN_DISCOVERY_MODES}. */
    public String pluginDiscovery() {
        return getString(PLUGIN_DISCOVERY_CONFIG).toLowerCase(Locale.ROOT);
    }

    /** The class name of the default key converter. */
    public String keyConverter() {
        return getClass(KEY_CONVERTER_CLASS_CONFIG).getName();
    }

    public String keyConverterVersion() {
        return getString(KEY_CONVERTER_VERSION);
    }

    /** The class name of the default value converter. */
    public String valueConverter() {
        return getClass(VALUE_CONVERTER_CLASS_CONFIG).getName();
    }

    public String valueConverterVersion() {
        return getString(VALUE_CONVERTER_VERSION);
    }

    /** The class name of the default header converter. */
    public String headerConverter() {
        return getClass(HEADER_CONVERTER_CLASS_CONFIG).getName();
    }

    public String headerConverterVersion() {
        return getString(HEADER_CONVERTER_VERSION);
    }

    /** Worker-level settings for a converter, e.g. {@code key.converter.schemas.enable}, without the prefix. */
    public Map<String, Object> converterSettings(String converterKey) {
        return originalsWithPrefix(converterKey + ".");
    }

    public long taskShutdownGracefulTimeoutMs() {
        return getLong(TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG);
    }

    public long offsetCommitInterval() {
        return getLong(OFFSET_COMMIT_INTERVAL_MS_CONFIG);
    }

    public long offsetCommitTimeout() {
        return getLong(OFFSET_COMMIT_TIMEOUT_MS_CONFIG);
    }

    public List<String> configProviders() {
        return getList(CONFIG_PROVIDERS_CONFIG);
    }

    public String connectorClientConfigOverridePolicy() {
        return getString(CONNECTOR_CLIENT_POLICY_CLASS_CONFIG);
    }

    public List<String> connectorClientConfigOverrideAllowlist() {
        return getList(CONNECTOR_CLIENT_OVERRIDE_ALLOWLIST_CONFIG);
    }

    public boolean topicCreationEnable() {
        return getBoolean(TOPIC_CREATION_ENABLE_CONFIG);
    }

    public boolean topicTrackingEnable() {
        return getBoolean(TOPIC_TRACKING_ENABLE_CONFIG);
    }

    public boolean topicTrackingAllowReset() {
        return getBoolean(TOPIC_TRACKING_ALLOW_RESET_CONFIG);
    }

    public List<String> metricReporters() {
        return getList(METRIC_REPORTER_CLASSES_CONFIG);
    }

    /** The {@code metrics.context.*} labels, without the prefix. */
    public Map<String, Object> metricsContext() {
        return originalsWithPrefix(METRICS_CONTEXT_PREFIX);
    }

    public List<String> listeners() {
        return getList(RestServerConfig.LISTENERS_CONFIG);
    }

    /** The admin listeners: null means "on the regular listeners", empty means "admin endpoints disabled". */
    public List<String> adminListeners() {
        return getList(RestServerConfig.ADMIN_LISTENERS_CONFIG);
    }

    public String restAdvertisedHostName() {
        return getString(RestServerConfig.REST_ADVERTISED_HOST_NAME_CONFIG);
    }

    public Integer restAdvertisedPort() {
        return getInt(RestServerConfig.REST_ADVERTISED_PORT_CONFIG);
    }

    public String restAdvertisedListener() {
        return getString(RestServerConfig.REST_ADVERTISED_LISTENER_CONFIG);
    }

    public String allowedOrigins() {
        return getString(RestServerConfig.ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG);
    }

    public String allowedMethods() {
        return getString(RestServerConfig.ACCESS_CONTROL_ALLOW_METHODS_CONFIG);
    }

    /** The response header rules, split and unquoted, e.g. {@code ["set X-Frame-Options:DENY"]}. */
    public List<String> responseHttpHeaders() {
        return RestServerConfig.splitHeaderRules(getString(RestServerConfig.RESPONSE_HTTP_HEADERS_CONFIG));
    }

    public List<String> restExtensionClasses() {
        return getList(RestServerConfig.REST_EXTENSION_CLASSES_CONFIG);
    }

    /** The Connect group id; null for workers that do not form a cluster. */
    public String groupId() {
        return null;
    }

    /** Whether exactly-once support for source connectors is enabled; only distributed workers can. */
    public boolean exactlyOnceSourceEnabled() {
        return false;
    }

    /** The worker's offsets topic; null for workers that store offsets elsewhere. */
    public String offsetsTopic() {
        return null;
    }

    /** Whether connectors may use their own offsets topic ({@code offsets.storage.topic}). */
    public boolean connectorOffsetsTopicsPermitted() {
        return false;
    }
}

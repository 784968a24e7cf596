package dev.ferry.runtime.config;

import static dev.ferry.runtime.config.TopicCreationConfig.BROKER_DEFAULT;
import static dev.ferry.runtime.config.TopicCreationConfig.DEFAULT_TOPIC_CREATION_GROUP;
import static dev.ferry.runtime.config.TopicCreationConfig.EXCLUDE_REGEX_CONFIG;
import static dev.ferry.runtime.config.TopicCreationConfig.INCLUDE_REGEX_CONFIG;
import static dev.ferry.runtime.config.TopicCreationConfig.PARTITIONS_CONFIG;
import static dev.ferry.runtime.config.TopicCreationConfig.REPLICATION_FACTOR_CONFIG;

import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;

/**
 * The framework's settings of a source connector: the common {@link ConnectorConfig} settings,
 * topic creation groups ({@code topic.creation.*}), exactly-once support and transaction
 * boundaries, and a connector-specific offsets topic.
 *
 * <p>Topic creation settings are defined only when the worker allows topic creation and the
 * config has at least one {@code topic.creation.*} key; the default group then requires
 * {@code replication.factor} and {@code partitions}, and every other group inherits them.
 */
public class SourceConnectorConfig extends ConnectorConfig {

    static final String TOPIC_CREATION_GROUP = "Topic Creation";
    static final String EXACTLY_ONCE_SUPPORT_GROUP = "Exactly Once Support";
    static final String OFFSETS_TOPIC_GROUP = "offsets.topic";

    public static final String TOPIC_CREATION_PREFIX = "topic.creation.";
    public static final String DEFAULT_TOPIC_CREATION_PREFIX = TopicCreationConfig.DEFAULT_TOPIC_CREATION_PREFIX;

    public static final String TOPIC_CREATION_GROUPS_CONFIG = TOPIC_CREATION_PREFIX + "groups";
    private static final String TOPIC_CREATION_GROUPS_DOC = "Names of topic creation groups besides 'default', "
            + "comma-separated, in the order they are tried. Configure each with topic.creation.<group>.include, "
            + ".exclude, .replication.factor, .partitions and any topic config, e.g. topic.creation.<group>.cleanup.policy.";

    public static final String EXACTLY_ONCE_SUPPORT_CONFIG = "exactly.once.support";
    public static final String EXACTLY_ONCE_SUPPORT_REQUESTED = "requested";
    public static final String EXACTLY_ONCE_SUPPORT_REQUIRED = "required";
    private static final String EXACTLY_ONCE_SUPPORT_DOC = "'required' makes validation check that the connector "
            + "declares exactly-once support for this config and that the worker has it enabled, and refuses the "
            + "connector otherwise; 'requested' (the default) skips that check.";

    public static final String TRANSACTION_BOUNDARY_CONFIG = SourceTask.TRANSACTION_BOUNDARY_CONFIG;
    private static final String TRANSACTION_BOUNDARY_DOC = "With exactly-once support, when transactions are "
            + "committed: 'poll' after each batch the task returns, 'interval' every transaction.boundary.interval.ms, "
            + "or 'connector' when the connector says so (only if it declares it can).";

    public static final String TRANSACTION_BOUNDARY_INTERVAL_CONFIG = "transaction.boundary.interval.ms";
    private static final String TRANSACTION_BOUNDARY_INTERVAL_DOC = "With transaction.boundary=interval, the time "
            + "between transaction commits; unset means the worker's offset.flush.interval.ms.";

    public static final String OFFSETS_TOPIC_CONFIG = "offsets.storage.topic";
    private static final String OFFSETS_TOPIC_DOC = "A Kafka topic for this connector's offsets instead of the worker's "
            + "offsets topic; created if missing. Only used by distributed workers.";

    private final boolean usesTopicCreation;

    /** The definition of source connector framework settings, without topic creation groups. */
    public static ConfigDef configDef() {
        ConfigDef.Validator atLeastZero = ConfigDef.Range.atLeast(0);
        int order = 0;
        return ConnectorConfig.configDef()
                .define(TOPIC_CREATION_GROUPS_CONFIG, Type.LIST, Collections.emptyList(), ConfigDefs.described((name, value) -> {
                    if (value == null) {
                        throw new ConfigException(name, null, "Entry must be non-null; remove the setting or list group names");
                    }
                    List<?> groups = (List<?>) value;
                    if (groups.size() > new HashSet<>(groups).size()) {
                        throw new ConfigException(name, value, "Duplicate alias provided.");
                    }
                }, () -> "non-null string, unique topic creation groups"), Importance.LOW, TOPIC_CREATION_GROUPS_DOC,
                        TOPIC_CREATION_GROUP, ++order, Width.LONG, "Topic Creation Groups")
                .define(EXACTLY_ONCE_SUPPORT_CONFIG, Type.STRING, EXACTLY_ONCE_SUPPORT_REQUESTED,
                        ConfigDef.CaseInsensitiveValidString.in(EXACTLY_ONCE_SUPPORT_REQUIRED, EXACTLY_ONCE_SUPPORT_REQUESTED),
                        Importance.MEDIUM, EXACTLY_ONCE_SUPPORT_DOC, EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT,
                        "Exactly once support")
                .define(TRANSACTION_BOUNDARY_CONFIG, Type.STRING, TransactionBoundary.DEFAULT.toString(),
                        ConfigDef.CaseInsensitiveValidString.in("interval", "poll", "connector"), Importance.MEDIUM,
                        TRANSACTION_BOUNDARY_DOC, EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT, "Transaction Boundary")
                .define(TRANSACTION_BOUNDARY_INTERVAL_CONFIG, Type.LONG, null, ConfigDefs.nullOr(atLeastZero), Importance.LOW,
                        TRANSACTION_BOUNDARY_INTERVAL_DOC, EXACTLY_ONCE_SUPPORT_GROUP, ++order, Width.SHORT,
                        "Transaction boundary interval")
                .define(OFFSETS_TOPIC_CONFIG, Type.STRING, null, ConfigDefs.nullOr(new ConfigDef.NonEmptyString()),
                        Importance.LOW, OFFSETS_TOPIC_DOC, OFFSETS_TOPIC_GROUP, 1, Width.LONG, "Offsets topic");
    }

    /**
     * @param topicCreationEnabled the worker's {@code topic.creation.enable}
     * @throws ConfigException naming every problem
     */
    public SourceConnectorConfig(Plugins plugins, Map<String, String> props, boolean topicCreationEnabled) {
        super(plugins, withTopicCreation(configDef(), props, topicCreationEnabled), props);
        this.usesTopicCreation = topicCreationEnabled && usesTopicCreation(props);
    }

    /** Whether the config has any {@code topic.creation.*} setting. */
    public static boolean usesTopicCreation(Map<String, String> props) {
        return props.keySet().stream().anyMatch(key -> key.startsWith(TOPIC_CREATION_PREFIX));
    }

    /**
     * {@code base} plus the topic creation group definitions the config calls for, if topic
     * creation is enabled and used.
     */
    static ConfigDef withTopicCreation(ConfigDef base, Map<String, String> props, boolean topicCreationEnabled) {
        if (!topicCreationEnabled || !usesTopicCreation(props)) {
            return base;
        }
        ConfigDef def = new ConfigDef(base);
        def.embed(DEFAULT_TOPIC_CREATION_PREFIX, TOPIC_CREATION_GROUP + ": " + DEFAULT_TOPIC_CREATION_GROUP, 0,
                TopicCreationConfig.defaultGroupConfigDef());
        Object replicationFactor = parsedOr(props, DEFAULT_TOPIC_CREATION_PREFIX + REPLICATION_FACTOR_CONFIG, Type.SHORT,
                (short) BROKER_DEFAULT);
        Object partitions = parsedOr(props, DEFAULT_TOPIC_CREATION_PREFIX + PARTITIONS_CONFIG, Type.INT, BROKER_DEFAULT);
        for (String group : namedGroups(props)) {
            def.embed(TOPIC_CREATION_PREFIX + group + ".", TOPIC_CREATION_GROUP + ": " + group, 0,
                    TopicCreationConfig.groupConfigDef(group, replicationFactor, partitions));
        }
        return def;
    }

    /**
     * The default group's number as the other groups' default. If it is missing or invalid, the
     * default group's own key reports that; the placeholder here only avoids a second error.
     */
    private static Object parsedOr(Map<String, String> props, String key, Type type, Object fallback) {
        try {
            Object parsed = ConfigDef.parseType(key, props.get(key), type);
            return parsed == null ? fallback : parsed;
        } catch (ConfigException e) {
            return fallback;
        }
    }

    /** The groups listed in {@code topic.creation.groups}, without duplicates and without 'default'. */
    static List<String> namedGroups(Map<String, String> props) {
        List<String> groups = new ArrayList<>(ConnectorConfigEnricher.aliases(props, TOPIC_CREATION_GROUPS_CONFIG));
        groups.remove(DEFAULT_TOPIC_CREATION_GROUP);
        return groups;
    }

    /** Whether this connector's tasks create their topics (the worker allows it and the config sets it up). */
    public boolean usesTopicCreation() {
        return usesTopicCreation;
    }

    /**
     * The topic creation groups in the order a topic is matched against them: the groups of
     * {@code topic.creation.groups} as listed, then the default group, which matches every topic.
     * Empty when {@link #usesTopicCreation()} is false.
     */
    public List<TopicCreationGroup> topicCreationGroups() {
        if (!usesTopicCreation) {
            return List.of();
        }
        List<TopicCreationGroup> groups = new ArrayList<>();
        for (String group : namedGroups(props())) {
            String prefix = TOPIC_CREATION_PREFIX + group + ".";
            groups.add(new TopicCreationGroup(group, getList(prefix + INCLUDE_REGEX_CONFIG), getList(prefix + EXCLUDE_REGEX_CONFIG),
                    getInt(prefix + PARTITIONS_CONFIG), getShort(prefix + REPLICATION_FACTOR_CONFIG), topicConfigs(prefix)));
        }
        groups.add(new TopicCreationGroup(DEFAULT_TOPIC_CREATION_GROUP, List.of(".*"), List.of(),
                getInt(DEFAULT_TOPIC_CREATION_PREFIX + PARTITIONS_CONFIG),
                getShort(DEFAULT_TOPIC_CREATION_PREFIX + REPLICATION_FACTOR_CONFIG), topicConfigs(DEFAULT_TOPIC_CREATION_PREFIX)));
        return Collections.unmodifiableList(groups);
    }

    /** The first group that creates {@code topic}; the default group if no other matches. Null without topic creation. */
    public TopicCreationGroup topicCreationGroupFor(String topic) {
        for (TopicCreationGroup group : topicCreationGroups()) {
            if (group.matches(topic)) {
                return group;
            }
        }
        return null;
    }

    private Map<String, String> topicConfigs(String prefix) {
        Map<String, String> configs = ConfigDefs.withPrefix(props(), prefix);
        Set.of(INCLUDE_REGEX_CONFIG, EXCLUDE_REGEX_CONFIG, REPLICATION_FACTOR_CONFIG, PARTITIONS_CONFIG)
                .forEach(configs::remove);
        return configs;
    }

    /** {@code requested} or {@code required}, in lower case. */
    public String exactlyOnceSupport() {
        return getString(EXACTLY_ONCE_SUPPORT_CONFIG).trim().toLowerCase(Locale.ROOT);
    }

    public boolean exactlyOnceRequired() {
        return EXACTLY_ONCE_SUPPORT_REQUIRED.equals(exactlyOnceSupport());
    }

    public TransactionBoundary transactionBoundary() {
        return TransactionBoundary.fromProperty(getString(TRANSACTION_BOUNDARY_CONFIG));
    }

    /** The transaction commit interval in ms, or null to use the worker's offset flush interval. */
    public Long transactionBoundaryIntervalMs() {
        return getLong(TRANSACTION_BOUNDARY_INTERVAL_CONFIG);
    }

    /** The connector's own offsets topic, or null for the worker's. */
    public String offsetsTopic() {
        return getString(OFFSETS_TOPIC_CONFIG);
    }
}

package dev.ferry.runtime.config;

import dev.ferry.runtime.plugins.Plugins;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings of a distributed worker: the common {@link WorkerConfig} settings plus the Connect
 * group (id and membership timeouts), the three internal topics, the rebalance protocol,
 * exactly-once source support, the keys that sign requests between workers, and the network
 * settings of the group member's client. Names, types and defaults are Apache Kafka Connect's.
 */
public class DistributedConfig extends WorkerConfig {
    private static final Logger log = LoggerFactory.getLogger(DistributedConfig.class);

    public static final String GROUP_ID_CONFIG = CommonClientConfigs.GROUP_ID_CONFIG;
    private static final String GROUP_ID_DOC = "The Connect cluster this worker belongs to; workers with the same group.id "
            + "share connectors and tasks. It must differ from every consumer group name in the Kafka cluster.";

    public static final String SESSION_TIMEOUT_MS_CONFIG = CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG;
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG;
    public static final String REBALANCE_TIMEOUT_MS_CONFIG = CommonClientConfigs.REBALANCE_TIMEOUT_MS_CONFIG;
    private static final String SESSION_TIMEOUT_MS_DOC = "How long a worker may go without heartbeats before the group "
            + "considers it gone and reassigns its work.";
    private static final String HEARTBEAT_INTERVAL_MS_DOC = "How often a worker heartbeats to the group; keep it well below "
            + "session.timeout.ms (a third or less).";
    private static final String REBALANCE_TIMEOUT_MS_DOC = "How long a worker may take to rejoin the group during a rebalance, "
            + "e.g. to stop its tasks and commit their offsets.";

    public static final String WORKER_SYNC_TIMEOUT_MS_CONFIG = "worker.sync.timeout.ms";
    private static final String WORKER_SYNC_TIMEOUT_MS_DOC = "How long a worker waits to catch up with the config topic "
            + "before it leaves the group and tries again later.";
    public static final String WORKER_UNSYNC_BACKOFF_MS_CONFIG = "worker.unsync.backoff.ms";
    private static final String WORKER_UNSYNC_BACKOFF_MS_DOC = "How long a worker that could not catch up with the config "
            + "topic waits before rejoining the group.";

    public static final String CONFIG_TOPIC_CONFIG = "config.storage.topic";
    public static final String CONFIG_STORAGE_PREFIX = "config.storage.";
    public static final String CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG = "config.storage.replication.factor";
    public static final String OFFSET_STORAGE_TOPIC_CONFIG = "offset.storage.topic";
    public static final String OFFSET_STORAGE_PREFIX = "offset.storage.";
    public static final String OFFSET_STORAGE_PARTITIONS_CONFIG = "offset.storage.partitions";
    public static final String OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG = "offset.storage.replication.factor";
    public static final String STATUS_STORAGE_TOPIC_CONFIG = "status.storage.topic";
    public static final String STATUS_STORAGE_PREFIX = "status.storage.";
    public static final String STATUS_STORAGE_PARTITIONS_CONFIG = "status.storage.partitions";
    public static final String STATUS_STORAGE_REPLICATION_FACTOR_CONFIG = "status.storage.replication.factor";
    private static final String TOPIC_DOC = "The Kafka topic holding the cluster's %s. It is created, compacted, if missing.";
    private static final String PARTITIONS_DOC = "Partitions of the %s topic when the worker creates it; -1 for the broker's default.";
    private static final String REPLICATION_FACTOR_DOC = "Replication factor of the %s topic when the worker creates it; "
            + "-1 for the broker's default. Use at least 3 in production.";

    public static final String CONNECT_PROTOCOL_CONFIG = "connect.protocol";
    public static final String CONNECT_PROTOCOL_DEFAULT = "sessioned";
    private static final String CONNECT_PROTOCOL_DOC = "The rebalance protocol: 'eager' stops all work on every rebalance; "
            + "'compatible' and 'sessioned' move only what must move, and 'sessioned' also signs requests between workers.";

    public static final String SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG = "scheduled.rebalance.max.delay.ms";
    public static final int SCHEDULED_REBALANCE_MAX_DELAY_MS_DEFAULT = 300000;
    private static final String SCHEDULED_REBALANCE_MAX_DELAY_MS_DOC = "How long to keep a departed worker's connectors "
            + "and tasks unassigned, waiting for it to come back, before giving them to other workers. 0 reassigns at once.";

    public static final String EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG = "exactly.once.source.support";
    public static final String EXACTLY_ONCE_SOURCE_SUPPORT_DEFAULT = "disabled";
    private static final String EXACTLY_ONCE_SOURCE_SUPPORT_DOC = "Exactly-once delivery for source connectors: 'disabled', "
            + "'preparing' (roll this out to every worker first) or 'enabled' (then this, worker by worker).";

    public static final String INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG = "inter.worker.key.generation.algorithm";
    public static final String INTER_WORKER_KEY_SIZE_CONFIG = "inter.worker.key.size";
    public static final String INTER_WORKER_KEY_TTL_MS_CONFIG = "inter.worker.key.ttl.ms";
    public static final String INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG = "inter.worker.signature.algorithm";
    public static final String INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG = "inter.worker.verification.algorithms";
    public static final String INTER_WORKER_ALGORITHM_DEFAULT = "HmacSHA256";

    private static final Set<String> TOPIC_SETTING_SUFFIXES = Set.of("topic", "partitions", "replication.factor");

    private static final ConfigDef CONFIG = configDef();

    /** The full definition of distributed worker settings. */
    public static ConfigDef configDef() {
        return baseConfigDef()
                .define(GROUP_ID_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, GROUP_ID_DOC)
                .define(SESSION_TIMEOUT_MS_CONFIG, Type.INT, 10000, Importance.HIGH, SESSION_TIMEOUT_MS_DOC)
                .define(REBALANCE_TIMEOUT_MS_CONFIG, Type.INT, 60000, Importance.HIGH, REBALANCE_TIMEOUT_MS_DOC)
                .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.INT, 3000, Importance.HIGH, HEARTBEAT_INTERVAL_MS_DOC)
                .define(EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG, Type.STRING, EXACTLY_ONCE_SOURCE_SUPPORT_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("disabled", "enabled", "preparing"), Importance.HIGH,
                        EXACTLY_ONCE_SOURCE_SUPPORT_DOC)
                .define(CommonClientConfigs.METADATA_MAX_AGE_CONFIG, Type.LONG, 300000L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.METADATA_MAX_AGE_DOC)
                .define(CommonClientConfigs.CLIENT_ID_CONFIG, Type.STRING, "", Importance.LOW, CommonClientConfigs.CLIENT_ID_DOC)
                .define(CommonClientConfigs.SEND_BUFFER_CONFIG, Type.INT, 128 * 1024, ConfigDef.Range.atLeast(-1),
                        Importance.MEDIUM, CommonClientConfigs.SEND_BUFFER_DOC)
                .define(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, Type.INT, 32 * 1024, ConfigDef.Range.atLeast(-1),
                        Importance.MEDIUM, CommonClientConfigs.RECEIVE_BUFFER_DOC)
                .define(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, 50L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RECONNECT_BACKOFF_MS_DOC)
                .define(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1000L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_DOC)
                .define(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Type.LONG, 10000L,
                        ConfigDef.Range.atLeast(0), Importance.LOW, CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_DOC)
                .define(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Type.LONG, 30000L,
                        ConfigDef.Range.atLeast(0), Importance.LOW, CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_DOC)
                .define(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, Type.LONG, 100L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RETRY_BACKOFF_MS_DOC)
                .define(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 1000L, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CommonClientConfigs.RETRY_BACKOFF_MAX_MS_DOC)
                .define(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Type.INT, 40000, ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, CommonClientConfigs.REQUEST_TIMEOUT_MS_DOC)
                .define(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG, Type.LONG, 540000L, Importance.MEDIUM,
                        CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_DOC)
                .define(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, Type.STRING, "rebootstrap",
                        ConfigDef.CaseInsensitiveValidString.in("rebootstrap", "none"), Importance.LOW,
                        CommonClientConfigs.METADATA_RECOVERY_STRATEGY_DOC)
                .define(CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG, Type.LONG, 300000L,
                        ConfigDef.Range.atLeast(0), Importance.LOW, CommonClientConfigs.METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_DOC)
                .define(WORKER_SYNC_TIMEOUT_MS_CONFIG, Type.INT, 3000, Importance.MEDIUM, WORKER_SYNC_TIMEOUT_MS_DOC)
                .define(WORKER_UNSYNC_BACKOFF_MS_CONFIG, Type.INT, 300000, Importance.MEDIUM, WORKER_UNSYNC_BACKOFF_MS_DOC)
                .define(OFFSET_STORAGE_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, String.format(TOPIC_DOC, "source connector offsets"))
                .define(OFFSET_STORAGE_PARTITIONS_CONFIG, Type.INT, 25, TopicCreationConfig.PARTITIONS_VALIDATOR,
                        Importance.LOW, String.format(PARTITIONS_DOC, "offsets"))
                .define(OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3,
                        TopicCreationConfig.REPLICATION_FACTOR_VALIDATOR, Importance.LOW, String.format(REPLICATION_FACTOR_DOC, "offsets"))
                .define(CONFIG_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, String.format(TOPIC_DOC, "connector configs (one partition)"))
                .define(CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3,
                        TopicCreationConfig.REPLICATION_FACTOR_VALIDATOR, Importance.LOW, String.format(REPLICATION_FACTOR_DOC, "config"))
                .define(STATUS_STORAGE_TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, String.format(TOPIC_DOC, "connector and task statuses"))
                .define(STATUS_STORAGE_PARTITIONS_CONFIG, Type.INT, 5, TopicCreationConfig.PARTITIONS_VALIDATOR,
                        Importance.LOW, String.format(PARTITIONS_DOC, "status"))
                .define(STATUS_STORAGE_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 3,
                        TopicCreationConfig.REPLICATION_FACTOR_VALIDATOR, Importance.LOW, String.format(REPLICATION_FACTOR_DOC, "status"))
                .define(CONNECT_PROTOCOL_CONFIG, Type.STRING, CONNECT_PROTOCOL_DEFAULT,
                        ConfigDef.ValidString.in("eager", "compatible", "sessioned"), Importance.LOW, CONNECT_PROTOCOL_DOC)
                .define(SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG, Type.INT, SCHEDULED_REBALANCE_MAX_DELAY_MS_DEFAULT,
                        ConfigDef.Range.between(0, Integer.MAX_VALUE), Importance.LOW, SCHEDULED_REBALANCE_MAX_DELAY_MS_DOC)
                .define(INTER_WORKER_KEY_TTL_MS_CONFIG, Type.INT, 3600000, ConfigDef.Range.between(0, Integer.MAX_VALUE),
                        Importance.LOW, "How long a session key signing requests between workers is used before the "
                                + "leader rotates it.")
                .define(INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG, Type.STRING, INTER_WORKER_ALGORITHM_DEFAULT,
                        keyGeneratorValidator(), Importance.LOW, "The algorithm that generates session keys (a javax.crypto "
                                + "KeyGenerator algorithm).")
                .define(INTER_WORKER_KEY_SIZE_CONFIG, Type.INT, null, Importance.LOW, "The size of session keys in bits; "
                        + "unset uses the key generation algorithm's default.")
                .define(INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG, Type.STRING, INTER_WORKER_ALGORITHM_DEFAULT,
                        macValidator(), Importance.LOW, "The algorithm that signs requests between workers (a javax.crypto "
                                + "Mac algorithm).")
                .define(INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG, Type.LIST, List.of(INTER_WORKER_ALGORITHM_DEFAULT),
                        macListValidator(), Importance.LOW, "The algorithms accepted when verifying signed requests; it "
                                + "must include inter.worker.signature.algorithm.");
    }

    private static ConfigDef.Validator keyGeneratorValidator() {
        return ConfigDefs.described((name, value) -> {
            try {
                KeyGenerator.getInstance(String.valueOf(value));
            } catch (NoSuchAlgorithmException e) {
                throw new ConfigException(name, value, "This JVM has no KeyGenerator for that algorithm; use e.g. HmacSHA256");
            }
        }, () -> "Any KeyGenerator algorithm supported by the worker JVM");
    }

    private static ConfigDef.Validator macValidator() {
        return ConfigDefs.described((name, value) -> checkMac(name, String.valueOf(value)),
                () -> "Any MAC algorithm supported by the worker JVM");
    }

    private static ConfigDef.Validator macListValidator() {
        return ConfigDefs.described((name, value) -> {
            List<?> algorithms = (List<?>) value;
            if (algorithms == null || algorithms.isEmpty()) {
                throw new ConfigException(name, "", "At least one algorithm is required, e.g. HmacSHA256");
            }
            algorithms.forEach(algorithm -> checkMac(name, String.valueOf(algorithm)));
        }, () -> "A list of one or more MAC algorithms, each supported by the worker JVM");
    }

    private static void checkMac(String name, String algorithm) {
        try {
            Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ConfigException(name, algorithm, "This JVM has no Mac for that algorithm; use e.g. HmacSHA256");
        }
    }

    /** Parses distributed worker properties, loading converters from the worker's classpath. */
    public DistributedConfig(Map<String, String> props) {
        super(CONFIG, props);
        checkSignatureIsVerifiable();
        warnAboutIgnoredTopicSettings();
    }

    /** Parses distributed worker properties, resolving converter names and aliases with the plugin registry. */
    public DistributedConfig(Map<String, String> props, Plugins plugins) {
        super(CONFIG, props, plugins::pluginClass);
        checkSignatureIsVerifiable();
        warnAboutIgnoredTopicSettings();
    }

    private void checkSignatureIsVerifiable() {
        String signature = getString(INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG);
        List<String> verification = getList(INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG);
        if (!verification.contains(signature)) {
            throw new ConfigException(INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG, String.join(",", verification),
                    "It must include the signature algorithm '" + signature + "' (inter.worker.signature.algorithm), "
                            + "or other workers could not verify this worker's requests");
        }
    }

    private void warnAboutIgnoredTopicSettings() {
        for (String prefix : List.of(CONFIG_STORAGE_PREFIX, OFFSET_STORAGE_PREFIX, STATUS_STORAGE_PREFIX)) {
            if (rawProps().containsKey(prefix + "cleanup.policy")) {
                log.warn("Ignoring {}cleanup.policy: Connect's internal topics are always compacted", prefix);
            }
        }
        if (rawProps().containsKey(CONFIG_STORAGE_PREFIX + "partitions")) {
            log.warn("Ignoring config.storage.partitions: the config topic always has exactly one partition");
        }
    }

    @Override
    public String groupId() {
        return getString(GROUP_ID_CONFIG);
    }

    /** {@code disabled}, {@code preparing} or {@code enabled}, in lower case. */
    public String exactlyOnceSourceSupport() {
        return getString(EXACTLY_ONCE_SOURCE_SUPPORT_CONFIG).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean exactlyOnceSourceEnabled() {
        return "enabled".equals(exactlyOnceSourceSupport());
    }

    /** Whether the leader must write to the config topic transactionally ({@code preparing} or {@code enabled}). */
    public boolean transactionalLeaderEnabled() {
        return !"disabled".equals(exactlyOnceSourceSupport());
    }

    @Override
    public String offsetsTopic() {
        return getString(OFFSET_STORAGE_TOPIC_CONFIG);
    }

    @Override
    public boolean connectorOffsetsTopicsPermitted() {
        return true;
    }

    public String configTopic() {
        return getString(CONFIG_TOPIC_CONFIG);
    }

    public String statusTopic() {
        return getString(STATUS_STORAGE_TOPIC_CONFIG);
    }

    public String connectProtocol() {
        return getString(CONNECT_PROTOCOL_CONFIG);
    }

    public int rebalanceTimeoutMs() {
        return getInt(REBALANCE_TIMEOUT_MS_CONFIG);
    }

    public int scheduledRebalanceMaxDelayMs() {
        return getInt(SCHEDULED_REBALANCE_MAX_DELAY_MS_CONFIG);
    }

    /**
     * Extra topic-level settings for creating one internal topic, e.g. {@code offset.storage.min.insync.replicas=2}
     * gives {@code min.insync.replicas=2}. The topic name, partitions, replication factor and
     * {@code cleanup.policy} (always {@code compact}) are left out.
     *
     * @param prefix one of {@link #CONFIG_STORAGE_PREFIX}, {@link #OFFSET_STORAGE_PREFIX}, {@link #STATUS_STORAGE_PREFIX}
     */
    public Map<String, String> topicSettings(String prefix) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        originalsWithPrefix(prefix).forEach((key, value) -> settings.put(key, String.valueOf(value)));
        settings.keySet().removeIf(key -> TOPIC_SETTING_SUFFIXES.contains(key) || key.equals("cleanup.policy")
                || key.startsWith("file."));
        return Collections.unmodifiableMap(settings);
    }
}

package dev.ferry.registry;

import dev.ferry.schema.CompatibilityLevel;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The registry's settings, read from Confluent Schema Registry's property names so an existing
 * {@code schema-registry.properties} works unchanged, and from the cp-schema-registry image's environment
 * variables ({@code SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS} is {@code kafkastore.bootstrap.servers}: the
 * prefix dropped, lower case, {@code _} to {@code .}, {@code __} to {@code _}, {@code ___} to {@code -});
 * an environment variable wins over the same property.
 *
 * <p>Every other {@code kafkastore.*} setting (security, SASL, TLS, timeouts) is handed to the Kafka clients
 * with the prefix removed, as Confluent's registry does. A bad value fails {@link #from} with a message naming
 * the property and what to write instead.
 */
public final class RegistryConfig {
    public static final String LISTENERS = "listeners";
    public static final String BOOTSTRAP_SERVERS = "kafkastore.bootstrap.servers";
    public static final String TOPIC = "kafkastore.topic";
    public static final String TOPIC_REPLICATION_FACTOR = "kafkastore.topic.replication.factor";
    public static final String TOPIC_CONFIG_PREFIX = "kafkastore.topic.config.";
    public static final String STORE_TIMEOUT_MS = "kafkastore.timeout.ms";
    public static final String STORE_INIT_TIMEOUT_MS = "kafkastore.init.timeout.ms";
    public static final String GROUP_ID = "schema.registry.group.id";
    public static final String COMPATIBILITY_LEVEL = "schema.compatibility.level";
    public static final String HOST_NAME = "host.name";
    public static final String LEADER_ELIGIBILITY = "leader.eligibility";
    public static final String INTER_INSTANCE_PROTOCOL = "inter.instance.protocol";
    public static final String SESSION_TIMEOUT_MS = "kafkagroup.session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "kafkagroup.heartbeat.interval.ms";
    public static final String MAX_REQUEST_BODY_SIZE = "size.limit.filter.max.request.body.size";
    public static final String ENV_PREFIX = "SCHEMA_REGISTRY_";

    /** {@code kafkastore.*} names that configure the registry itself and are not passed to the Kafka clients. */
    private static final Set<String> STORE_OWN = Set.of(BOOTSTRAP_SERVERS, TOPIC, TOPIC_REPLICATION_FACTOR,
            STORE_TIMEOUT_MS, STORE_INIT_TIMEOUT_MS, "kafkastore.group.id", "kafkastore.connection.url",
            "kafkastore.checkpoint.dir", "kafkastore.checkpoint.version", "kafkastore.update.handlers",
            "kafkastore.write.max.retries", "kafkastore.zk.session.timeout.ms", "kafkastore.topic.skip.validation");

    private final List<URI> listeners;
    private final String bootstrapServers;
    private final String topic;
    private final int replicationFactor;
    private final Map<String, String> topicConfigs;
    private final Map<String, Object> kafkaClientConfig;
    private final Duration storeTimeout;
    private final Duration initTimeout;
    private final String groupId;
    private final CompatibilityLevel compatibilityLevel;
    private final String hostName;
    private final boolean leaderEligible;
    private final String interInstanceProtocol;
    private final int sessionTimeoutMs;
    private final int heartbeatIntervalMs;
    private final long maxRequestBodyBytes;

    private RegistryConfig(Map<String, String> p) {
        this.listeners = listeners(p);
        this.bootstrapServers = bootstrap(p);
        this.topic = p.getOrDefault(TOPIC, "_schemas").trim();
        if (topic.isEmpty()) {
            throw new IllegalArgumentException(TOPIC + " is empty; leave it out for '_schemas' or name the topic.");
        }
        this.replicationFactor = integer(p, TOPIC_REPLICATION_FACTOR, 3, 1);
        Map<String, String> topicConfigs = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(TOPIC_CONFIG_PREFIX)) {
                topicConfigs.put(k.substring(TOPIC_CONFIG_PREFIX.length()), v);
            }
        });
        this.topicConfigs = Collections.unmodifiableMap(topicConfigs);
        this.storeTimeout = Duration.ofMillis(integer(p, STORE_TIMEOUT_MS, 5_000, 1));
        this.initTimeout = Duration.ofMillis(integer(p, STORE_INIT_TIMEOUT_MS, 60_000, 1));
        this.groupId = p.getOrDefault(GROUP_ID, "schema-registry");
        this.compatibilityLevel = level(p);
        this.hostName = p.containsKey(HOST_NAME) ? p.get(HOST_NAME).trim() : defaultHost();
        this.leaderEligible = bool(p, LEADER_ELIGIBILITY, bool(p, "master.eligibility", true));
        this.interInstanceProtocol = protocol(p);
        this.sessionTimeoutMs = integer(p, SESSION_TIMEOUT_MS, 10_000, 1);
        this.heartbeatIntervalMs = integer(p, HEARTBEAT_INTERVAL_MS, 3_000, 1);
        this.maxRequestBodyBytes = integer(p, MAX_REQUEST_BODY_SIZE, 1_048_576, 1);
        Map<String, Object> client = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith("kafkastore.") && !STORE_OWN.contains(k) && !k.startsWith(TOPIC_CONFIG_PREFIX)) {
                client.put(k.substring("kafkastore.".length()), v);
            }
        });
        client.put("bootstrap.servers", bootstrapServers);
        this.kafkaClientConfig = Collections.unmodifiableMap(client);
    }

    /**
     * Reads the settings.
     *
     * @param properties the properties file's entries (Confluent's names)
     * @param env        the process environment; {@code SCHEMA_REGISTRY_*} entries override properties
     * @throws IllegalArgumentException naming the property that is missing or wrong and how to fix it
     */
    public static RegistryConfig from(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>();
        properties.forEach((k, v) -> merged.put(k.trim(), v == null ? "" : v.trim()));
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                merged.put(propertyName(k.substring(ENV_PREFIX.length())), v == null ? "" : v.trim());
            }
        });
        return new RegistryConfig(merged);
    }

    /** The property an environment variable name (without prefix) stands for, as the cp image maps it. */
    static String propertyName(String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT)
                .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    private static List<URI> listeners(Map<String, String> p) {
        String value = p.get(LISTENERS);
        if ((value == null || value.isBlank()) && p.containsKey("port")) {
            value = "http://0.0.0.0:" + p.get("port");
        }
        if (value == null || value.isBlank()) {
            value = "http://0.0.0.0:8081";
        }
        List<URI> uris = new ArrayList<>();
        for (String item : value.split(",")) {
            String listener = item.trim();
            if (listener.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(listener);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LISTENERS + " has '" + listener + "', which is not a URL. Write "
                        + "listeners like http://0.0.0.0:8081.");
            }
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getPort() < 0) {
                throw new IllegalArgumentException(LISTENERS + " has '" + listener + "'; Ferry's registry serves "
                        + "http listeners with an explicit port, e.g. http://0.0.0.0:8081 (port 0 picks a free one).");
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException(LISTENERS + " is empty; set it to e.g. http://0.0.0.0:8081.");
        }
        return List.copyOf(uris);
    }

    private static String bootstrap(Map<String, String> p) {
        String value = p.get(BOOTSTRAP_SERVERS);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS + " is not set. Set it to the Kafka brokers that hold "
                    + "the schemas topic, e.g. kafkastore.bootstrap.servers=PLAINTEXT://broker:9092 (or the "
                    + "environment variable SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS).");
        }
        List<String> servers = new ArrayList<>();
        for (String item : value.split(",")) {
            String server = item.trim();
            int scheme = server.indexOf("://");
            if (scheme >= 0) {
                server = server.substring(scheme + 3);
            }
            if (!server.isEmpty()) {
                servers.add(server);
            }
        }
        return String.join(",", servers);
    }

    private static CompatibilityLevel level(Map<String, String> p) {
        String value = p.getOrDefault(COMPATIBILITY_LEVEL, p.getOrDefault("avro.compatibility.level", "backward"));
        try {
            return CompatibilityLevel.fromName(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COMPATIBILITY_LEVEL + "=" + value + " is not a compatibility level. "
                    + "Use one of none, backward, backward_transitive, forward, forward_transitive, full, full_transitive.");
        }
    }

    private static String protocol(Map<String, String> p) {
        String value = p.getOrDefault(INTER_INSTANCE_PROTOCOL,
                p.getOrDefault("schema.registry.inter.instance.protocol", "http")).toLowerCase(Locale.ROOT);
        if (!value.equals("http")) {
            throw new IllegalArgumentException(INTER_INSTANCE_PROTOCOL + "=" + value + " is not supported: Ferry's "
                    + "registry instances talk to each other over http. Set it to http.");
        }
        return value;
    }

    private static int integer(Map<String, String> p, String name, int defaultValue, int min) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + value + " is not a whole number of at least " + min
                + "; leave it out for the default " + defaultValue + ".");
    }

    private static boolean bool(Map<String, String> p, String name, boolean defaultValue) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(name + "=" + value + " must be true or false.");
    }

    private static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public List<URI> listeners() {
        return listeners;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public Map<String, String> topicConfigs() {
        return topicConfigs;
    }

    /** Settings for the Kafka clients: {@code bootstrap.servers} plus every other {@code kafkastore.*} setting. */
    public Map<String, Object> kafkaClientConfig() {
        return kafkaClientConfig;
    }

    public Duration storeTimeout() {
        return storeTimeout;
    }

    public Duration initTimeout() {
        return initTimeout;
    }

    public String groupId() {
        return groupId;
    }

    public CompatibilityLevel compatibilityLevel() {
        return compatibilityLevel;
    }

    public String hostName() {
        return hostName;
    }

    public boolean leaderEligible() {
        return leaderEligible;
    }

    public String interInstanceProtocol() {
        return interInstanceProtocol;
    }

    public int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    public int heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public long maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }
}

package dev.ferry.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker for tests: one KRaft node in combined broker and controller mode,
 * running inside this JVM from the Apache Kafka server jars, with its data in a fresh temporary
 * directory and its listeners on free loopback ports.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.builder().brokerProperty("log.retention.ms", "60000").build()) {
 *     broker.start();
 *     broker.createTopic("orders", 3, Map.of("cleanup.policy", "compact"));
 *     try (Producer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) { ... }
 * }
 * }</pre>
 *
 * <p>Starting formats the directory (as {@code kafka-storage.sh format} would), then starts the
 * server and returns once the broker is unfenced, that is, ready for clients. Because the
 * controller's port must be fixed before the start, a port taken by another process between
 * picking and binding fails the start; the broker then retries with fresh ports and a fresh
 * directory. {@link #close()} stops the server and deletes the directory.
 *
 * <p>Thread contract: {@link #start()} and {@link #close()} may be called from any thread and
 * are serialised; the other methods are safe to call concurrently once started, so one broker can
 * be shared by tests running in parallel.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    /** Start attempts before giving up, each with fresh ports, for when a picked port is taken. */
    private static final int START_ATTEMPTS = 3;

    /** How long closing may wait for the kit's admin client to finish in-flight requests. */
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Node ids are unique per JVM because the server registers JMX beans named by node id; two
     * brokers with the same id in one JVM would fight over them.
     */
    private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(1);

    private final Map<String, String> overrides;
    private final boolean exitJvmOnFatalFault;
    private final IntFunction<int[]> portPicker;
    private final Map<String, String> saslUsers;
    private final int nodeId = NEXT_NODE_ID.getAndIncrement();
    private final String clusterId = Uuid.randomUuid().toString();

    private final Object adminLock = new Object();

    // Guarded by this.
    private KafkaRaftServer server;
    private Path logDir;
    private boolean closed;
    /** The running or stopped broker's server properties (ports, directory), kept for {@link #restart()}. */
    private Map<String, String> serverProps;

    // Written under this before the broker is published as started; read without a lock after.
    private volatile String bootstrapServers;
    private volatile String saslBootstrapServers;

    // Guarded by adminLock.
    private Admin admin;

    private KafkaBroker(Builder builder) {
        this.overrides = Map.copyOf(builder.overrides);
        this.exitJvmOnFatalFault = builder.exitJvmOnFatalFault;
        this.portPicker = builder.portPicker;
        this.saslUsers = Map.copyOf(builder.saslUsers);
    }

    /** A builder for a broker with the kit's defaults, to which broker properties can be added. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats a temporary log directory and starts the server, returning once clients can use it.
     *
     * @return this broker, for chaining
     * @throws IllegalStateException if the broker was already started or closed, or did not start
     */
    public synchronized KafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("This Kafka broker was closed; build a new one with KafkaBroker.builder()");
        }
        if (server != null) {
            throw new IllegalStateException("This Kafka broker is already running at " + bootstrapServers);
        }
        if (serverProps != null) {
            throw new IllegalStateException("This Kafka broker was stopped; start it again with restart()");
        }
        if (!exitJvmOnFatalFault) {
            JvmExitGuard.install();
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int[] ports = portPicker.apply(saslUsers.isEmpty() ? 2 : 3);
            Path dir = createLogDir();
            KafkaRaftServer candidate = null;
            try {
                Map<String, String> props = saslUsers.isEmpty()
                        ? ServerProperties.create(nodeId, ports[0], ports[1], dir, overrides)
                        : ServerProperties.create(nodeId, ports[0], ports[1], dir, overrides, ports[2], saslUsers);
                KafkaConfig config = new KafkaConfig(props, false);
                StorageFormatter.format(dir, nodeId, clusterId);
                candidate = new KafkaRaftServer(config, Time.SYSTEM);
                candidate.startup();
                server = candidate;
                logDir = dir;
                serverProps = props;
                bootstrapServers = ServerProperties.HOST + ":" + ports[0];
                saslBootstrapServers = saslUsers.isEmpty() ? null : ServerProperties.HOST + ":" + ports[2];
                log.info("Kafka broker {} (node {}) started in {} ms, data in {}", bootstrapServers, nodeId,
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), dir);
                return this;
            } catch (Exception e) {
                // Exception, not RuntimeException: the Scala server can throw checked exceptions.
                stopQuietly(candidate, e);
                deleteQuietly(dir, e);
                // A controller that cannot bind reports through the fatal-fault handler, whose
                // exception no longer carries the BindException; a port still taken after our
                // server stopped tells the same story.
                boolean portTaken = causedByBindFailure(e) || LoopbackPorts.anyTaken(ports);
                if (portTaken && attempt < START_ATTEMPTS) {
                    log.warn("Kafka broker could not bind port {} or {} (taken meanwhile); retrying with new ports",
                            ports[0], ports[1]);
                    continue;
                }
                throw new IllegalStateException("Kafka broker (node " + nodeId + ", loopback ports " + ports[0]
                        + " and " + ports[1] + ") did not start on attempt " + attempt + " of " + START_ATTEMPTS
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Stops the server as a crash or an outage would look to clients, keeping its ports and data so that
     * {@link #restart()} brings the same broker back at the same address. {@link #bootstrapServers()} and the
     * client configs keep answering meanwhile: clients keep trying that address.
     *
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized void stop() {
        if (server == null) {
            throw new IllegalStateException("The Kafka broker is not running; nothing to stop");
        }
        long stopping = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker {} stopped (data kept for restart()) in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - stopping).toMillis());
    }

    /**
     * Starts a {@link #stop() stopped} broker again on the same ports with the same data, returning once
     * clients can use it. A port another process took meanwhile fails it: the address cannot change.
     *
     * @throws IllegalStateException if the broker is running, was never started, or was closed
     */
    public synchronized KafkaBroker restart() {
        if (closed || serverProps == null || server != null) {
            throw new IllegalStateException("Only a stopped Kafka broker restarts; this one is "
                    + (closed ? "closed" : server != null ? "running" : "not started yet"));
        }
        long started = System.nanoTime();
        KafkaRaftServer candidate = new KafkaRaftServer(new KafkaConfig(serverProps, false), Time.SYSTEM);
        try {
            candidate.startup();
        } catch (Exception e) {
            stopQuietly(candidate, e);
            throw new IllegalStateException("Kafka broker " + bootstrapServers + " did not restart: " + e.getMessage(), e);
        }
        server = candidate;
        log.info("Kafka broker {} restarted in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return this;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("The Kafka broker is not running; call start() first");
        }
        return servers;
    }

    /**
     * Client properties for the SASL/PLAIN listener as {@code user} ({@link Builder#saslPlainUser}):
     * {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     * Its clients are {@code User:<user>}, for tests of what that principal may do; a new mutable map on every call.
     *
     * @throws IllegalStateException if the broker has no such user or is not running
     */
    public Map<String, Object> saslClientConfig(String user) {
        String password = saslUsers.get(user);
        String servers = saslBootstrapServers;
        if (password == null || servers == null) {
            throw new IllegalStateException("The Kafka broker has no running SASL listener with user '" + user
                    + "'; add it with KafkaBroker.builder().saslPlainUser(\"" + user + "\", password) and start()");
        }
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return config;
    }

    /** The id of the one-node cluster, as clients see it in metadata. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Creates a topic with one replica and returns once every partition has a leader, so that
     * clients can use it right away.
     *
     * @param configs topic-level configs such as {@code cleanup.policy}; may be empty
     * @throws IllegalStateException if the topic exists already or the broker rejects it
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        TopicCreator.create(admin(), name, partitions, configs);
    }

    /** Creates a topic with the broker's default topic configs; see {@link #createTopic(String, int, Map)}. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Properties for an {@link Admin} client of this broker; a new mutable map on every call. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /**
     * Properties for a producer of this broker, with byte-array serializers (replace them to send
     * other types); a new mutable map on every call.
     */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = adminConfig();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * Properties for a consumer of this broker, with byte-array deserializers and
     * {@code auto.offset.reset=earliest} so a test sees records produced before it subscribed. Add
     * a {@code group.id} to subscribe; a new mutable map on every call.
     */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = adminConfig();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /** Stops the server and deletes its data. Safe to call more than once, or before {@link #start()}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (adminLock) {
            if (admin != null) {
                admin.close(ADMIN_CLOSE_TIMEOUT);
                admin = null;
            }
        }
        if (server != null) {
            long stopping = System.nanoTime();
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka broker {} stopped in {} ms", bootstrapServers,
                    Duration.ofNanos(System.nanoTime() - stopping).toMillis());
            bootstrapServers = null;
            saslBootstrapServers = null;
        }
        if (logDir != null) {
            delete(logDir);
            logDir = null;
        }
    }

    @Override
    public String toString() {
        String servers = bootstrapServers;
        return "KafkaBroker[node " + nodeId + ", " + (servers == null ? "not running" : servers) + "]";
    }

    private Admin admin() {
        synchronized (adminLock) {
            if (admin == null) {
                admin = Admin.create(adminConfig());
            }
            return admin;
        }
    }

    private static Path createLogDir() {
        try {
            return Files.createTempDirectory("ferry-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the Kafka broker's "
                    + "log; check that java.io.tmpdir (" + System.getProperty("java.io.tmpdir")
                    + ") exists and is writable", e);
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(KafkaRaftServer server, Exception failure) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path dir, Exception failure) {
        try {
            delete(dir);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void delete(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the Kafka broker's log directory " + dir
                    + "; remove it by hand", e);
        }
    }

    /**
     * Collects broker properties for a {@link KafkaBroker}. Properties override the kit's tuning
     * defaults (see the README); the keys that wire the node to its ports and directory are the
     * kit's and are refused.
     */
    public static final class Builder {

        private final Map<String, String> overrides = new LinkedHashMap<>();
        private boolean exitJvmOnFatalFault;
        private IntFunction<int[]> portPicker = LoopbackPorts::pick;
        private final Map<String, String> saslUsers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a SASL/PLAIN user to a second client listener, which the broker opens when it has at least one;
         * {@link KafkaBroker#saslClientConfig} connects to it as that user. With an authorizer
         * ({@code brokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")}
         * and {@code brokerProperty("super.users", "User:ANONYMOUS")}), the PLAINTEXT listener keeps every right
         * and the SASL users have only what the test grants them.
         */
        public Builder saslPlainUser(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            saslUsers.put(user, password);
            return this;
        }

        /**
         * Sets a broker (server) property, e.g. {@code log.retention.ms}.
         *
         * @throws IllegalArgumentException if the kit manages the key (listeners, node id, ...)
         */
        public Builder brokerProperty(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            ServerProperties.rejectManagedKeys(Map.of(key, value));
            overrides.put(key, value);
            return this;
        }

        /** Sets several broker properties; see {@link #brokerProperty(String, String)}. */
        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Lets a fatal server fault end the JVM, as in a real broker process, instead of installing
         * {@link JvmExitGuard}. For {@link KafkaBrokerMain}, whose parent should see the broker die.
         */
        Builder exitJvmOnFatalFault() {
            exitJvmOnFatalFault = true;
            return this;
        }

        /** Replaces how the broker and controller ports are chosen: a seam for the retry test. */
        Builder portPicker(IntFunction<int[]> picker) {
            portPicker = Objects.requireNonNull(picker, "picker");
            return this;
        }

        /** A broker that is not started yet; call {@link KafkaBroker#start()}. */
        public KafkaBroker build() {
            return new KafkaBroker(this);
        }
    }
}

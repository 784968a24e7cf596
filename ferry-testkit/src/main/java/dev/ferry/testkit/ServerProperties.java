package dev.ferry.testkit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The server configuration of a test broker: one node acting as both KRaft controller and broker,
 * listening on loopback only, tuned to start in a couple of seconds and to work with a single
 * replica. Callers may override any tuning default; the keys that wire the node together (roles,
 * node id, listeners, quorum, directories) belong to the kit, because a wrong value there makes the
 * node unable to reach itself.
 */
final class ServerProperties {

    /** The listener clients connect to. */
    static final String CLIENT_LISTENER = "PLAINTEXT";

    /** The optional listener that authenticates clients with SASL/PLAIN, for tests that need a principal. */
    static final String SASL_LISTENER = "SASL";

    /** The listener the node's own controller and broker use to talk to the controller quorum. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Every address is loopback: a test broker must never be reachable from the network. */
    static final String HOST = "127.0.0.1";

    /** Keys the kit sets from the ports and directory it allocates; overriding them is refused. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "controller.listener.names",
            "inter.broker.listener.name",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "log.dirs",
            "log.dir",
            "metadata.log.dir",
            "sasl.enabled.mechanisms",
            "listener.name.sasl.plain.sasl.jaas.config");

    private ServerProperties() {
    }

    /**
     * Tuning defaults for a fast single-node start. Each one differs from Kafka's own default for a
     * reason given next to it.
     */
    static Map<String, String> tuningDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        // One node can hold one replica: every internal topic must ask for exactly that.
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("default.replication.factor", "1");
        defaults.put("min.insync.replicas", "1");
        // Creating 50 offsets partitions on the first group join costs seconds; tests need one.
        defaults.put("offsets.topic.num.partitions", "1");
        defaults.put("transaction.state.log.num.partitions", "1");
        defaults.put("share.coordinator.state.topic.num.partitions", "1");
        // The default 3 s wait for more members only slows every first rebalance in a test.
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // Heartbeats drive unfencing at startup; a shorter interval means a shorter start.
        defaults.put("broker.heartbeat.interval.ms", "500");
        // The cleaner allocates this buffer eagerly; 128 MiB is too much for a test JVM's heap.
        defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        // Fewer threads: a test broker serves a handful of clients on a small machine.
        defaults.put("num.network.threads", "2");
        defaults.put("num.io.threads", "2");
        defaults.put("background.threads", "2");
        defaults.put("num.recovery.threads.per.data.dir", "1");
        defaults.put("num.replica.fetchers", "1");
        return defaults;
    }

    /**
     * The complete server configuration: the tuning defaults, then the caller's overrides, then
     * the node's wiring.
     *
     * @throws IllegalArgumentException if an override names a key the kit manages
     */
    static Map<String, String> create(int nodeId, int brokerPort, int controllerPort, Path logDir,
                                      Map<String, String> overrides) {
        return create(nodeId, brokerPort, controllerPort, logDir, overrides, -1, Map.of());
    }

    /**
     * As {@link #create(int, int, int, Path, Map)}, plus a {@link #SASL_LISTENER} on {@code saslPort} that accepts
     * the given SASL/PLAIN users (name to password) when {@code saslUsers} is not empty. The PLAINTEXT listener
     * stays as it is (its clients are {@code User:ANONYMOUS}), so a test can give that principal every right
     * ({@code super.users}) and check what the SASL users may do.
     */
    static Map<String, String> create(int nodeId, int brokerPort, int controllerPort, Path logDir,
                                      Map<String, String> overrides, int saslPort, Map<String, String> saslUsers) {
        rejectManagedKeys(overrides);
        Map<String, String> props = new LinkedHashMap<>(tuningDefaults());
        props.putAll(overrides);
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        // A static one-voter quorum: the node elects itself without any bootstrap handshake.
        props.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        if (!saslUsers.isEmpty()) {
            props.put("listeners", props.get("listeners") + "," + SASL_LISTENER + "://" + HOST + ":" + saslPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + "," + SASL_LISTENER + "://" + HOST
                    + ":" + saslPort);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ","
                    + SASL_LISTENER + ":SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            saslUsers.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                    .append('"'));
            props.put("listener.name.sasl.plain.sasl.jaas.config", jaas.append(';').toString());
        }
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        return props;
    }

    static void rejectManagedKeys(Map<String, String> overrides) {
        for (String key : overrides.keySet()) {
            if (MANAGED_KEYS.contains(key)) {
                throw new IllegalArgumentException("Broker property '" + key + "' is set by the test kit "
                        + "(it allocates the node id, loopback ports and log directory itself); remove "
                        + "brokerProperty(\"" + key + "\", ...). Keys the kit manages: "
                        + MANAGED_KEYS.stream().sorted().toList());
            }
        }
    }
}

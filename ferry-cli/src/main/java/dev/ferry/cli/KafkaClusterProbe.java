package dev.ferry.cli;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.herder.WorkerReadiness;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.KafkaReachabilityMetrics;
import dev.ferry.runtime.storage.kafka.StoreTopicsCheck;
import dev.ferry.runtime.worker.KafkaReachability;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The worker's own connection to Kafka: one admin client (for the cluster id, the internal topics
 * and the offsets API of sink connectors) and the {@link KafkaReachability} check on it, which
 * looks up the cluster id with its first answer and keeps asking, every 5 s, for as long as the
 * worker runs (a distributed worker's internal topics too). Apache exits when Kafka is unreachable at start; Ferry keeps serving REST, says
 * exactly which {@code bootstrap.servers} it cannot reach and what to check, and carries on once
 * the broker is there (tasks' own clients retry by themselves); the herder reports an outage in
 * its health and the RUNNING statuses, and the gauges count it.
 *
 * <p>Thread contract: safe for concurrent use.
 */
final class KafkaClusterProbe implements AutoCloseable {
    private final Map<String, Object> adminConfig;
    private final KafkaReachability reachability;
    private KafkaReachabilityMetrics reachabilityMetrics;
    private volatile boolean closed;
    private Admin admin;

    KafkaClusterProbe(WorkerConfig config) {
        String bootstrapServers = String.join(",", config.getList("bootstrap.servers"));
        Map<String, Object> admin = new HashMap<>();
        config.originals().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "ferry-worker-admin");
        this.adminConfig = admin;
        this.reachability = new KafkaReachability(bootstrapServers, this::admin, KafkaReachability.DEFAULT_INTERVAL,
                KafkaReachability.DEFAULT_GRACE);
        if (config instanceof DistributedConfig distributed) {
            reachability.checkingStores(StoreTopicsCheck.of(distributed));
        }
    }

    void start() {
        reachability.start();
    }

    /** What the herder asks whether the worker can do its work; publishes the reachability gauges to {@code metrics}. */
    synchronized WorkerReadiness readiness(ConnectMetrics metrics) {
        if (reachabilityMetrics == null) {
            reachabilityMetrics = new KafkaReachabilityMetrics(metrics, reachability::reachable, reachability::unreachableMs);
        }
        return reachability::problem;
    }

    /** The Kafka cluster id, or null until Kafka has answered. */
    String clusterIdOrNull() {
        return reachability.clusterIdOrNull();
    }

    /** The shared admin client, created on first use. */
    synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("The worker is shutting down");
        }
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public void close() {
        closed = true;
        reachability.close();
        synchronized (this) {
            if (admin != null) {
                admin.close(java.time.Duration.ofSeconds(5));
                admin = null;
            }
        }
    }
}

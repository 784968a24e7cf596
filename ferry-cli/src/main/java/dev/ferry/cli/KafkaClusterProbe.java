package dev.ferry.cli;

import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.herder.WorkerReadiness;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.KafkaReachabilityMetrics;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.worker.KafkaReachability;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's own connection to Kafka: one admin client (for the cluster id and the offsets
 * API of sink connectors) and a background thread that looks up the cluster id until Kafka
 * answers. Apache exits when Kafka is unreachable at start; Ferry keeps serving REST, says
 * exactly which {@code bootstrap.servers} it cannot reach and what to check, and carries on once
 * the broker is there (tasks' own clients retry by themselves). It also keeps checking, after
 * the start too, whether Kafka still answers ({@link KafkaReachability}, same admin client): the
 * herder reports an outage in its health and the RUNNING statuses, and the gauges count it.
 *
 * <p>Thread contract: safe for concurrent use.
 */
final class KafkaClusterProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaClusterProbe.class);
    /** How long one lookup may take before it is reported and retried. */
    private static final long LOOKUP_TIMEOUT_MS = 10_000;
    /** Pause between failed lookups. */
    private static final long RETRY_BACKOFF_MS = 5_000;

    private final String bootstrapServers;
    private final Map<String, Object> adminConfig;
    private final Thread thread;
    private final KafkaReachability reachability;
    private KafkaReachabilityMetrics reachabilityMetrics;
    private volatile String clusterId;
    private volatile boolean closed;
    private Admin admin;

    KafkaClusterProbe(WorkerConfig config) {
        this.bootstrapServers = String.join(",", config.getList("bootstrap.servers"));
        Map<String, Object> admin = new HashMap<>();
        config.originals().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "ferry-worker-admin");
        this.adminConfig = admin;
        this.thread = new Thread(this::lookUp, "kafka-cluster-probe");
        thread.setDaemon(true);
        this.reachability = new KafkaReachability(bootstrapServers, this::admin, KafkaReachability.DEFAULT_INTERVAL,
                KafkaReachability.DEFAULT_GRACE);
    }

    void start() {
        thread.start();
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
        return clusterId;
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

    private void lookUp() {
        int attempt = 0;
        while (!closed && clusterId == null) {
            attempt++;
            try {
                clusterId = admin().describeCluster().clusterId().get(LOOKUP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (attempt > 1) {
                    log.info("Kafka at bootstrap.servers={} is reachable now (cluster id {})", bootstrapServers, clusterId);
                } else {
                    log.info("Connected to Kafka cluster {} at {}", clusterId, bootstrapServers);
                }
            } catch (TimeoutException | ExecutionException e) {
                log.error("Cannot reach Kafka at bootstrap.servers={} (attempt {}): {} Check that the broker is "
                                + "running and that bootstrap.servers and the security settings are right. The worker "
                                + "keeps serving REST and retries every {} s.", bootstrapServers, attempt,
                        Sentences.end(e instanceof TimeoutException ? "no answer within " + LOOKUP_TIMEOUT_MS + " ms"
                                : String.valueOf(e.getCause())),
                        RETRY_BACKOFF_MS / 1000);
                sleep(RETRY_BACKOFF_MS);
            } catch (InterruptedException e) {
                return;
            } catch (IllegalStateException e) {
                return; // closed
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        reachability.close();
        synchronized (this) {
            if (admin != null) {
                admin.close(java.time.Duration.ofSeconds(5));
                admin = null;
            }
        }
    }
}

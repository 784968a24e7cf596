package dev.ferry.runtime.herder;

import dev.ferry.runtime.config.DistributedConfig;
import java.time.Duration;
import java.util.List;

/**
 * The cluster-level settings the herder needs beyond its parts: the group it belongs to, how
 * long it may take to catch up with the config topic, and how requests between workers are
 * signed. A standalone worker has no cluster; {@link #standalone()} gives the values it never uses.
 *
 * @param groupId                the Connect group, or null for a standalone worker
 * @param configStoreName        what to call the config store in messages (the topic, or the file)
 * @param syncTimeout            {@code worker.sync.timeout.ms}
 * @param unsyncBackoffMs        {@code worker.unsync.backoff.ms}
 * @param keyTtlMs               {@code inter.worker.key.ttl.ms}
 * @param keyAlgorithm           {@code inter.worker.key.generation.algorithm}
 * @param keySize                {@code inter.worker.key.size}, or null for the algorithm's default
 * @param signatureAlgorithm     {@code inter.worker.signature.algorithm}
 * @param verificationAlgorithms {@code inter.worker.verification.algorithms}
 * @param requestTimeout         how long a request to another worker may take ({@code rebalance.timeout.ms})
 */
public record ClusterSettings(String groupId, String configStoreName, Duration syncTimeout, int unsyncBackoffMs,
                              long keyTtlMs, String keyAlgorithm, Integer keySize, String signatureAlgorithm,
                              List<String> verificationAlgorithms, Duration requestTimeout) {

    public static ClusterSettings of(DistributedConfig config) {
        return new ClusterSettings(config.groupId(), "the config topic '" + config.configTopic() + "'",
                Duration.ofMillis(config.getInt(DistributedConfig.WORKER_SYNC_TIMEOUT_MS_CONFIG)),
                config.getInt(DistributedConfig.WORKER_UNSYNC_BACKOFF_MS_CONFIG),
                config.getInt(DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG),
                config.getString(DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG),
                config.getInt(DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG),
                config.getString(DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG),
                config.getList(DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG),
                Duration.ofMillis(config.getInt(DistributedConfig.REBALANCE_TIMEOUT_MS_CONFIG)));
    }

    /** A worker that is a cluster of one: no group, no signed requests. */
    public static ClusterSettings standalone() {
        return new ClusterSettings(null, "the stored connector configurations", Duration.ofSeconds(3), 300,
                Long.MAX_VALUE, "HmacSHA256", null, "HmacSHA256", List.of("HmacSHA256"), Duration.ofSeconds(60));
    }
}

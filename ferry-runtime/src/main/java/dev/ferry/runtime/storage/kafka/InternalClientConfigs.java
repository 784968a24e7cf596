package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.WorkerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client settings of the internal stores' producers and consumers. As in Apache, they start from
 * the worker's own (unprefixed) settings, so {@code bootstrap.servers}, {@code security.protocol},
 * {@code ssl.*}, {@code sasl.*} and the like apply to them; the worker's {@code producer.*} and
 * {@code consumer.*} settings are for connectors and do not. Each store then names its clients
 * {@code <clientIdBase>configs}, {@code …offsets} or {@code …statuses} (quotas and ACLs may be keyed
 * on those) and adds the {@code metrics.context.*} labels. {@link TopicLog} forces what its reading
 * and writing rely on (serializers, acks, no group).
 */
final class InternalClientConfigs {
    private static final Logger log = LoggerFactory.getLogger(InternalClientConfigs.class);

    /** How long to wait for the cluster id, which only labels metrics. */
    private static final long CLUSTER_ID_TIMEOUT_MS = 10_000;

    private InternalClientConfigs() {
    }

    /** The base producer settings of one store. */
    static Map<String, Object> producer(DistributedConfig worker, String clientId, String kafkaClusterId) {
        return base(worker, clientId, kafkaClusterId);
    }

    /**
     * The base consumer settings of one store. With exactly-once source support enabled, the config
     * and offsets topics hold transactional writes, so their consumers read only committed ones.
     */
    static Map<String, Object> consumer(DistributedConfig worker, String clientId, String kafkaClusterId,
                                        boolean readCommittedWhenExactlyOnce) {
        Map<String, Object> props = base(worker, clientId, kafkaClusterId);
        if (readCommittedWhenExactlyOnce && worker.exactlyOnceSourceEnabled()) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        }
        return props;
    }

    /** The Kafka cluster id for the metrics context, or null if the cluster does not say in time. */
    static String clusterId(Admin admin) {
        try {
            return admin.describeCluster().clusterId().get(CLUSTER_ID_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.warn("Could not read the Kafka cluster id for the internal clients' metrics context: {}", e.toString());
            return null;
        }
    }

    private static Map<String, Object> base(DistributedConfig worker, String clientId, String kafkaClusterId) {
        Map<String, Object> props = new HashMap<>(worker.originals());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        if (kafkaClusterId != null) {
            props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + WorkerConfig.CONNECT_KAFKA_CLUSTER_ID, kafkaClusterId);
        }
        props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + WorkerConfig.CONNECT_GROUP_ID, worker.groupId());
        return props;
    }
}

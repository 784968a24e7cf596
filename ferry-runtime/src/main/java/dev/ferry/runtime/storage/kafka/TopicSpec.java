package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import java.util.Map;
import java.util.Objects;

/**
 * What one of the three internal topics of a distributed cluster should look like, and where the
 * worker config names it: the {@code property} and {@code purpose} appear in the error messages of
 * {@link InternalTopics#ensure}, so a user knows which setting to change.
 *
 * @param topic             the topic name
 * @param partitions        partitions when the worker creates it; -1 for the broker's default
 * @param replicationFactor replication factor when the worker creates it; -1 for the broker's default
 * @param extraConfigs      further topic configs for creation (e.g. {@code min.insync.replicas});
 *                          {@code cleanup.policy} is always {@code compact} whatever this says
 * @param property          the worker property that names the topic, e.g. {@code config.storage.topic}
 * @param purpose           what the topic holds, e.g. {@code connector configurations}
 */
public record TopicSpec(String topic, int partitions, short replicationFactor, Map<String, String> extraConfigs,
                        String property, String purpose) {

    public TopicSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(purpose, "purpose");
        extraConfigs = Map.copyOf(extraConfigs == null ? Map.of() : extraConfigs);
    }

    /** The config topic: always one partition, so that every worker reads its records in one order. */
    public static TopicSpec configTopic(DistributedConfig config) {
        return new TopicSpec(config.configTopic(), 1,
                config.getShort(DistributedConfig.CONFIG_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.topicSettings(DistributedConfig.CONFIG_STORAGE_PREFIX),
                DistributedConfig.CONFIG_TOPIC_CONFIG, "connector configurations");
    }

    /** The topic of source connector offsets. */
    public static TopicSpec offsetsTopic(DistributedConfig config) {
        return new TopicSpec(config.offsetsTopic(),
                config.getInt(DistributedConfig.OFFSET_STORAGE_PARTITIONS_CONFIG),
                config.getShort(DistributedConfig.OFFSET_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.topicSettings(DistributedConfig.OFFSET_STORAGE_PREFIX),
                DistributedConfig.OFFSET_STORAGE_TOPIC_CONFIG, "source connector offsets");
    }

    /** The topic of connector, task and active-topic statuses. */
    public static TopicSpec statusTopic(DistributedConfig config) {
        return new TopicSpec(config.statusTopic(),
                config.getInt(DistributedConfig.STATUS_STORAGE_PARTITIONS_CONFIG),
                config.getShort(DistributedConfig.STATUS_STORAGE_REPLICATION_FACTOR_CONFIG),
                config.topicSettings(DistributedConfig.STATUS_STORAGE_PREFIX),
                DistributedConfig.STATUS_STORAGE_TOPIC_CONFIG, "connector and task statuses");
    }

    /** Whether this is the config topic, which must have exactly one partition. */
    boolean singlePartition() {
        return DistributedConfig.CONFIG_TOPIC_CONFIG.equals(property);
    }
}

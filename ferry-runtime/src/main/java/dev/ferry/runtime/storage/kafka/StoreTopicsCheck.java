package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.Sentences;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether a distributed worker's three internal topics are still the ones it read at start, asked
 * while Kafka itself answers: a topic deleted (and perhaps created again by automatic topic
 * creation, empty and not compacted), or one the worker's principal may no longer describe, leaves
 * the stores reading nothing while the worker otherwise looks well. A topic is known by the id
 * Kafka gave it the first time this check saw it, so a deletion is caught even when the
 * consumers' metadata requests have re-created the name at once. A topic never seen is not
 * reported missing: the stores create it at start and report their own failure to.
 *
 * <p>Thread contract: {@link #check} is called by one thread at a time (the reachability thread);
 * it blocks for at most its timeout.
 */
public final class StoreTopicsCheck {
    /** Topic name to the setting that names it, e.g. {@code status.storage.topic}. */
    private final Map<String, String> settings;
    /** The id each topic had when first seen; never updated, so a re-created topic stays reported. */
    private final Map<String, Uuid> firstIds = new HashMap<>();

    public StoreTopicsCheck(Map<String, String> topicToSetting) {
        this.settings = Map.copyOf(Objects.requireNonNull(topicToSetting, "topicToSetting"));
    }

    /** The check of a distributed worker's config, offsets and status topics. */
    public static StoreTopicsCheck of(DistributedConfig config) {
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put(config.configTopic(), DistributedConfig.CONFIG_TOPIC_CONFIG);
        topics.put(config.offsetsTopic(), DistributedConfig.OFFSET_STORAGE_TOPIC_CONFIG);
        topics.put(config.statusTopic(), DistributedConfig.STATUS_STORAGE_TOPIC_CONFIG);
        return new StoreTopicsCheck(topics);
    }

    /**
     * Describes the topics; the first problem found, as a sentence with its fix, or null when
     * every topic is there and is the one first seen.
     */
    public String check(Admin admin, long timeoutMs) {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(settings.keySet(),
                new DescribeTopicsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, timeoutMs))).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : described.entrySet()) {
            String topic = entry.getKey();
            String what = "The worker's " + settings.get(topic) + " '" + topic + "'";
            try {
                Uuid id = entry.getValue().get(timeoutMs + 1000, TimeUnit.MILLISECONDS).topicId();
                Uuid first = firstIds.putIfAbsent(topic, id);
                if (first != null && !first.equals(id)) {
                    return what + " was deleted and created again while the worker ran (its topic id changed), so "
                            + "what it held is gone and this worker's stores no longer match it. Restart the "
                            + "workers, after making sure the topic is compacted (cleanup.policy=compact); a lost "
                            + "config topic means the connectors must be created again.";
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException && !firstIds.containsKey(topic)) {
                    continue; // not created yet: the stores create it at start, and say so if they cannot
                }
                return describe(what, e.getCause() == null ? e : e.getCause());
            } catch (TimeoutException e) {
                return what + " could not be described within " + (timeoutMs + 1000) + " ms.";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static String describe(String what, Throwable cause) {
        if (cause instanceof UnknownTopicOrPartitionException) {
            return what + " does not exist any more, so the worker cannot store or read what it holds. Create it "
                    + "again as a compacted topic (cleanup.policy=compact) and restart the workers; a lost config "
                    + "topic means the connectors must be created again.";
        }
        if (cause instanceof TopicAuthorizationException) {
            return what + " may not be read by the worker's principal any more: " + Sentences.end(cause.getMessage())
                    + " Grant it DESCRIBE, READ and WRITE on the topic again.";
        }
        return what + " could not be described: " + Sentences.end(String.valueOf(cause.getMessage()));
    }
}

package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.model.Sentences;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an internal topic exists and is safe to use, as an Apache Connect worker does at
 * startup: a missing topic is created, compacted; an existing one must already be compacted and
 * only compacted, because with deletion its oldest records (the very configs, offsets and statuses
 * the cluster depends on) would expire. The config topic must also have a single partition.
 *
 * <p>Where the worker's principal may not create or describe topics, it cannot check and assumes
 * the operator prepared the topic, as Apache does; the problem, if any, shows when the store reads.
 */
public final class InternalTopics {
    private static final Logger log = LoggerFactory.getLogger(InternalTopics.class);

    /** How long creation may keep failing for reasons that pass (brokers still starting) before we give up. */
    private static final long CREATE_RETRY_MS = 60_000;

    /** Pause between creation attempts. */
    private static final long CREATE_BACKOFF_MS = 200;

    /** Bound of each admin call. */
    private static final long ADMIN_CALL_TIMEOUT_MS = 30_000;

    private InternalTopics() {
    }

    /**
     * Creates the topic if it is missing; otherwise verifies that its cleanup policy is exactly
     * {@code compact} (and, for the config topic, that it has one partition).
     *
     * @throws ConfigException  if the existing topic is not fit for its purpose; the message names
     *                          the topic, the worker property and the fix
     * @throws ConnectException if the broker refuses to create it or cannot be reached
     */
    public static void ensure(Admin admin, TopicSpec spec) {
        if (create(admin, spec)) {
            log.info("Created internal topic '{}' for {} ({} partitions, replication factor {}, cleanup.policy=compact)",
                    spec.topic(), spec.purpose(), defaultIfNegative(spec.partitions()),
                    defaultIfNegative(spec.replicationFactor()));
            return;
        }
        verifyCleanupPolicy(admin, spec);
        if (spec.singlePartition()) {
            verifySinglePartition(admin, spec);
        }
    }

    /** The refusal of a config topic with more than one partition; shared with the config store's own check. */
    static ConfigException multiplePartitions(TopicSpec spec, int partitions) {
        return new ConfigException("Topic '" + spec.topic() + "' named by the '" + spec.property() + "' worker property has "
                + partitions + " partitions, but it must have exactly 1 so that every worker reads the " + spec.purpose()
                + " in the same order. Set '" + spec.property() + "' to a new topic name (the worker creates it with one "
                + "partition) or create a single-partition, compacted topic for it.");
    }

    /** True if this call created the topic, false if it already existed (or could not be created for lack of rights). */
    private static boolean create(Admin admin, TopicSpec spec) {
        Map<String, String> configs = new HashMap<>(spec.extraConfigs());
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        int partitions = spec.singlePartition() ? 1 : spec.partitions();
        NewTopic topic = new NewTopic(spec.topic(), optional(partitions), optional(spec.replicationFactor()))
                .configs(configs);
        long deadline = System.currentTimeMillis() + CREATE_RETRY_MS;
        while (true) {
            try {
                admin.createTopics(List.of(topic)).all().get(ADMIN_CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof TopicExistsException) {
                    return false;
                }
                if (cause instanceof ClusterAuthorizationException || cause instanceof TopicAuthorizationException
                        || cause instanceof UnsupportedVersionException) {
                    log.warn("Could not create internal topic '{}' ({}); assuming it exists. Grant the worker the right "
                            + "to create topics, or create it yourself: compacted{}.", spec.topic(), cause.getMessage(),
                            spec.singlePartition() ? ", one partition" : "");
                    return false;
                }
                boolean passing = cause instanceof InvalidReplicationFactorException || cause instanceof TimeoutException;
                if (!passing || System.currentTimeMillis() > deadline) {
                    throw new ConnectException("Could not create internal topic '" + spec.topic() + "' for " + spec.purpose()
                            + " (" + describe(spec) + "): " + Sentences.end(cause.getMessage()) + " Check the '" + spec.property()
                            + "' settings of the worker (e.g. a replication factor above the number of brokers).", cause);
                }
                log.info("Creating internal topic '{}' failed ({}); retrying", spec.topic(), cause.getMessage());
                sleep(CREATE_BACKOFF_MS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new ConnectException("Timed out creating internal topic '" + spec.topic() + "' after "
                        + ADMIN_CALL_TIMEOUT_MS + " ms; is the Kafka cluster at bootstrap.servers reachable?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while creating internal topic '" + spec.topic() + "'", e);
            }
        }
    }

    private static void verifyCleanupPolicy(Admin admin, TopicSpec spec) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.topic());
        Config config;
        try {
            config = admin.describeConfigs(List.of(resource)).all()
                    .get(ADMIN_CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(resource);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClusterAuthorizationException || e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof UnsupportedVersionException) {
                log.info("Could not verify that internal topic '{}' has cleanup.policy=compact ({}); make sure it does.",
                        spec.topic(), e.getCause().getMessage());
                return;
            }
            throw new ConnectException("Could not read the configs of internal topic '" + spec.topic() + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectException("Timed out reading the configs of internal topic '" + spec.topic() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading the configs of internal topic '" + spec.topic() + "'", e);
        }
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (entry == null || entry.value() == null) {
            log.info("The broker reported no cleanup.policy for internal topic '{}'; make sure it is compact.", spec.topic());
            return;
        }
        Set<String> policies = Arrays.stream(entry.value().split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty())
                .collect(Collectors.toSet());
        if (!policies.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT))) {
            throw new ConfigException("Topic '" + spec.topic() + "' named by the '" + spec.property() + "' worker property "
                    + "has 'cleanup.policy=" + entry.value() + "', but it must have 'cleanup.policy=compact' and nothing else "
                    + "to keep the " + spec.purpose() + " consistent and durable. With deletion, old records expire: the "
                    + "cluster would lose " + spec.purpose() + " and fail to restart correctly later. Set '"
                    + spec.property() + "' in the worker configuration to a topic with 'cleanup.policy=compact' (a new "
                    + "name is created that way), or change this topic's cleanup.policy to compact.");
        }
    }

    private static void verifySinglePartition(Admin admin, TopicSpec spec) {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(spec.topic())).allTopicNames()
                    .get(ADMIN_CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(spec.topic());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof TopicAuthorizationException) {
                return; // the config store counts the partitions it reads, too
            }
            throw new ConnectException("Could not describe internal topic '" + spec.topic() + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectException("Timed out describing internal topic '" + spec.topic() + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while describing internal topic '" + spec.topic() + "'", e);
        }
        if (description != null && description.partitions().size() > 1) {
            throw multiplePartitions(spec, description.partitions().size());
        }
    }

    private static String describe(TopicSpec spec) {
        return "partitions " + defaultIfNegative(spec.partitions()) + ", replication factor "
                + defaultIfNegative(spec.replicationFactor()) + ", configs " + spec.extraConfigs();
    }

    private static String defaultIfNegative(int value) {
        return value < 0 ? "broker default" : Integer.toString(value);
    }

    private static Optional<Integer> optional(int partitions) {
        return partitions < 0 ? Optional.empty() : Optional.of(partitions);
    }

    private static Optional<Short> optional(short replicationFactor) {
        return replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating an internal topic", e);
        }
    }
}

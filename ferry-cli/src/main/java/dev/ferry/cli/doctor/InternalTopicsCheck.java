package dev.ferry.cli.doctor;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.storage.kafka.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The three internal topics of a distributed worker against its config: each existing topic must be compacted
 * (the worker refuses one that is not), the config topic must have one partition, and the partitions and
 * replication factor should be what the worker's {@code *.storage.*} settings say (they apply only when the worker
 * creates a topic, so a difference means the settings and the cluster disagree). An absent topic is fine when the
 * worker may create it, which the broker is asked without creating anything ({@code validateOnly}).
 */
final class InternalTopicsCheck {
    private InternalTopicsCheck() {
    }

    static void run(Admin admin, DistributedConfig config, Duration timeout, Report report) {
        for (TopicSpec spec : List.of(TopicSpec.configTopic(config), TopicSpec.offsetsTopic(config),
                TopicSpec.statusTopic(config))) {
            check(admin, spec, timeout, report);
        }
    }

    static String checkName(TopicSpec spec) {
        return spec.property() + " " + spec.topic();
    }

    private static void check(Admin admin, TopicSpec spec, Duration timeout, Report report) {
        String check = checkName(spec);
        TopicDescription topic;
        try {
            topic = admin.describeTopics(List.of(spec.topic())).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(spec.topic());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                absent(admin, spec, timeout, report);
            } else if (e.getCause() instanceof TopicAuthorizationException) {
                report.error(check, "The worker's principal may not describe topic '" + spec.topic() + "', so it "
                        + "cannot read the " + spec.purpose() + ". Grant it DESCRIBE, READ and WRITE on the topic "
                        + "(kafka-acls.sh --add --allow-principal User:<worker> --operation Describe --operation Read "
                        + "--operation Write --topic " + spec.topic() + ").");
            } else {
                report.error(check, "Could not describe topic '" + spec.topic() + "': " + e.getCause().getMessage());
            }
            return;
        } catch (java.util.concurrent.TimeoutException e) {
            report.error(check, "Kafka did not describe topic '" + spec.topic() + "' within " + timeout.toSeconds()
                    + " s; run ferry doctor again, or with a longer --timeout");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<String> problems = new ArrayList<>();
        int partitions = topic.partitions().size();
        int replicas = topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
        Optional<String> policy = cleanupPolicy(admin, spec.topic(), timeout);
        boolean fatal = false;
        if (policy.isPresent() && !isCompactOnly(policy.get())) {
            fatal = true;
            problems.add("it has cleanup.policy=" + policy.get() + ", but the worker refuses any internal topic that is "
                    + "not compacted only (with deletion, old " + spec.purpose() + " expire). Change it with "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name " + spec.topic()
                    + " --add-config cleanup.policy=compact, or set " + spec.property() + " to a new topic name (the "
                    + "worker creates it compacted)");
        }
        if (DistributedConfig.CONFIG_TOPIC_CONFIG.equals(spec.property())) {
            if (partitions != 1) {
                fatal = true;
                problems.add("it has " + partitions + " partitions, but the config topic must have exactly 1 so every "
                        + "worker reads the connector configurations in one order (the worker refuses it). Set "
                        + spec.property() + " to a new topic name; the worker creates it with one partition");
            }
        } else if (spec.partitions() > 0 && partitions != spec.partitions()) {
            String setting = settingFor(spec, "partitions");
            problems.add("it has " + partitions + " partitions, but " + setting + "=" + spec.partitions() + " (the "
                    + "setting only applies when the worker creates the topic). Set " + setting + "=" + partitions
                    + " so the config says what the cluster has; do not add partitions to a topic in use");
        }
        if (spec.replicationFactor() > 0 && replicas < spec.replicationFactor()) {
            String setting = settingFor(spec, "replication.factor");
            problems.add("it has replication factor " + replicas + ", but " + setting + "=" + spec.replicationFactor()
                    + ", so losing " + (replicas <= 1 ? "its broker loses" : replicas + " brokers loses") + " the "
                    + spec.purpose() + ". Raise the topic's replication factor (kafka-reassign-partitions.sh), or set "
                    + setting + "=" + replicas + " if that is what you meant");
        }
        String shape = partitions + " partition(s), replication factor " + replicas + ", cleanup.policy="
                + policy.orElse("unknown");
        if (problems.isEmpty()) {
            report.ok(check, "exists: " + shape);
        } else if (fatal) {
            report.error(check, "Topic '" + spec.topic() + "' (" + shape + "): " + String.join("; ", problems) + ".");
        } else {
            report.warning(check, "Topic '" + spec.topic() + "' (" + shape + "): " + String.join("; ", problems) + ".");
        }
    }

    /** Asks the broker whether the worker could create the topic as it would, without creating it. */
    private static void absent(Admin admin, TopicSpec spec, Duration timeout, Report report) {
        String check = checkName(spec);
        boolean single = DistributedConfig.CONFIG_TOPIC_CONFIG.equals(spec.property());
        int partitions = single ? 1 : spec.partitions();
        NewTopic topic = new NewTopic(spec.topic(),
                partitions < 0 ? Optional.empty() : Optional.of(partitions),
                spec.replicationFactor() < 0 ? Optional.empty() : Optional.of(spec.replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        String shape = (partitions < 0 ? "the broker's default partitions" : partitions + " partition(s)")
                + ", replication factor " + (spec.replicationFactor() < 0 ? "of the broker's default"
                : spec.replicationFactor()) + ", compacted";
        try {
            admin.createTopics(List.of(topic), new CreateTopicsOptions().validateOnly(true)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            report.ok(check, "absent; the worker creates it at start (" + shape + ")");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidReplicationFactorException) {
                String setting = settingFor(spec, "replication.factor");
                report.error(check, "Topic '" + spec.topic() + "' is absent and the worker cannot create it: "
                        + Sentences.end(cause.getMessage()) + " Set " + setting + " to at most the number of brokers (or -1 for the "
                        + "broker's default.replication.factor).");
            } else if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
                report.error(check, "Topic '" + spec.topic() + "' is absent and the worker's principal may not create "
                        + "it. Create it yourself (" + shape + ") or grant the principal CREATE on the topic.");
            } else {
                report.error(check, "Topic '" + spec.topic() + "' is absent and the broker would refuse to create it ("
                        + shape + "): " + Sentences.end(cause.getMessage()) + " Check the worker's " + spec.property()
                        + " settings, or create the topic yourself.");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            report.error(check, "Kafka did not answer whether topic '" + spec.topic() + "' may be created within "
                    + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> cleanupPolicy(Admin admin, String topic, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return entry == null ? Optional.empty() : Optional.ofNullable(entry.value());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty(); // lacking DESCRIBE_CONFIGS the worker cannot check either; it assumes compact
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean isCompactOnly(String policy) {
        Set<String> policies = Arrays.stream(policy.split(",")).map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        return policies.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /** {@code offset.storage.topic} and {@code partitions} give {@code offset.storage.partitions}. */
    private static String settingFor(TopicSpec spec, String suffix) {
        return spec.property().substring(0, spec.property().length() - "topic".length()) + suffix;
    }
}

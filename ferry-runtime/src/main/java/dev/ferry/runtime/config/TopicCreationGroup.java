package dev.ferry.runtime.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One topic creation group of a source connector: the topics it covers (include patterns minus
 * exclude patterns) and how a new topic is created (partitions, replication factor, other topic
 * configs). A source task creates a topic it is about to write to, if it does not exist, with the
 * first group in {@link SourceConnectorConfig#topicCreationGroups()} that matches.
 */
public final class TopicCreationGroup {

    private final String name;
    private final Pattern include;
    private final Pattern exclude;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, String> topicConfigs;

    TopicCreationGroup(String name, List<String> include, List<String> exclude, int partitions,
                       short replicationFactor, Map<String, String> topicConfigs) {
        this.name = name;
        this.include = Pattern.compile(String.join("|", include));
        this.exclude = Pattern.compile(String.join("|", exclude));
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.topicConfigs = Map.copyOf(topicConfigs);
    }

    public String name() {
        return name;
    }

    /** Whether this group creates {@code topic}: it matches an include pattern and no exclude pattern. */
    public boolean matches(String topic) {
        return !exclude.matcher(topic).matches() && include.matcher(topic).matches();
    }

    /** The partition count, or -1 for the broker's default. */
    public int partitions() {
        return partitions;
    }

    /** The replication factor, or -1 for the broker's default. */
    public short replicationFactor() {
        return replicationFactor;
    }

    /** Topic-level configs for new topics, e.g. {@code cleanup.policy=compact}. */
    public Map<String, String> topicConfigs() {
        return topicConfigs;
    }

    /** The topic to create for {@code topic}, with this group's settings. */
    public NewTopic newTopic(String topic) {
        Optional<Integer> count = partitions == TopicCreationConfig.BROKER_DEFAULT ? Optional.empty() : Optional.of(partitions);
        Optional<Short> replicas = replicationFactor == TopicCreationConfig.BROKER_DEFAULT
                ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(topic, count, replicas).configs(topicConfigs);
    }

    @Override
    public String toString() {
        return "TopicCreationGroup{name=" + name + ", include=" + include + ", exclude=" + exclude
                + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor + ", configs=" + topicConfigs + "}";
    }
}

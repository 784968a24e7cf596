package dev.ferry.runtime.task.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;

/**
 * A source connector's {@code topic.creation.*} settings (KIP-158): the groups named in
 * {@code topic.creation.groups}, tried in that order, then the implicit {@code default} group. A
 * topic belongs to the first group with an include pattern that matches it fully and no exclude
 * pattern that does; the group says how many partitions and replicas to create it with (-1: the
 * broker's default) and carries any other {@code topic.creation.<group>.<key>} as topic config.
 */
public final class TopicCreationGroups {
    static final String PREFIX = "topic.creation.";
    private static final Set<String> GROUP_KEYS = Set.of("include", "exclude", "replication.factor", "partitions");

    private final List<Group> groups;

    private TopicCreationGroups(List<Group> groups) {
        this.groups = groups;
    }

    /**
     * Reads the groups from a connector config; empty when the connector does not use topic
     * creation (it sets no {@code topic.creation.default.*} key).
     *
     * @throws ConfigException when the default group lacks its replication factor or partitions
     */
    public static Optional<TopicCreationGroups> from(Map<String, String> connectorConfig) {
        boolean used = connectorConfig.keySet().stream().anyMatch(k -> k.startsWith(PREFIX + "default."));
        if (!used) {
            return Optional.empty();
        }
        Group defaults = group("default", connectorConfig, null);
        List<Group> ordered = new ArrayList<>();
        for (String name : list(connectorConfig.get(PREFIX + "groups"))) {
            if (!name.equals("default")) {
                ordered.add(group(name, connectorConfig, defaults));
            }
        }
        ordered.add(defaults);
        return Optional.of(new TopicCreationGroups(List.copyOf(ordered)));
    }

    /** The topic to create for {@code topic}, as the first matching group describes it. */
    public NewTopic newTopic(String topic) {
        Group group = groups.stream().filter(g -> g.matches(topic)).findFirst().orElse(groups.get(groups.size() - 1));
        NewTopic newTopic = new NewTopic(topic,
                group.partitions < 0 ? Optional.empty() : Optional.of(group.partitions),
                group.replicationFactor < 0 ? Optional.empty() : Optional.of(group.replicationFactor));
        return newTopic.configs(group.topicConfigs);
    }

    private static Group group(String name, Map<String, String> config, Group defaults) {
        String prefix = PREFIX + name + ".";
        String include = config.get(prefix + "include");
        if (include == null) {
            include = defaults == null ? ".*" : "";
        }
        Integer partitions = integer(config, prefix + "partitions");
        Integer replication = integer(config, prefix + "replication.factor");
        if (defaults == null && (partitions == null || replication == null)) {
            throw new ConfigException("Topic creation is used but '" + (partitions == null
                    ? prefix + "partitions" : prefix + "replication.factor") + "' is missing: set both "
                    + prefix + "partitions and " + prefix + "replication.factor (-1 for the broker's default)");
        }
        Map<String, String> topicConfigs = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && !GROUP_KEYS.contains(key.substring(prefix.length()))) {
                topicConfigs.put(key.substring(prefix.length()), value);
            }
        });
        return new Group(name, patterns(include), patterns(config.get(prefix + "exclude")),
                partitions != null ? partitions : defaults.partitions,
                replication != null ? replication.shortValue() : defaults.replicationFactor, topicConfigs);
    }

    private static Integer integer(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a whole number (-1 for the broker's default)");
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Pattern> patterns(String value) {
        return list(value).stream().map(Pattern::compile).collect(Collectors.toList());
    }

    private record Group(String name, List<Pattern> include, List<Pattern> exclude, int partitions,
                         short replicationFactor, Map<String, String> topicConfigs) {
        boolean matches(String topic) {
            return include.stream().anyMatch(p -> p.matcher(topic).matches())
                    && exclude.stream().noneMatch(p -> p.matcher(topic).matches());
        }
    }
}

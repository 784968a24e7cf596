package dev.ferry.runtime.config;

import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The definitions of one topic creation group ({@code topic.creation.<group>.*}) of a source
 * connector: which topics it covers and how to create them. Embedded per group by
 * {@link SourceConnectorConfig}.
 */
final class TopicCreationConfig {

    static final String DEFAULT_TOPIC_CREATION_GROUP = "default";
    static final String DEFAULT_TOPIC_CREATION_PREFIX = "topic.creation.default.";
    static final String INCLUDE_REGEX_CONFIG = "include";
    static final String EXCLUDE_REGEX_CONFIG = "exclude";
    static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    static final String PARTITIONS_CONFIG = "partitions";
    /** Asks the broker for its default partition count or replication factor. */
    static final int BROKER_DEFAULT = -1;

    private static final String INCLUDE_DOC = "Regular expressions (comma-separated) for the topic names this "
            + "group creates.";
    private static final String EXCLUDE_DOC = "Regular expressions (comma-separated) for topic names this group "
            + "must not create, even if they match 'include'; exclusion wins.";
    private static final String REPLICATION_FACTOR_DOC = "Replication factor of topics created through this group: "
            + "-1 for the broker's default, or at most the number of brokers. Required for the default group; other "
            + "groups inherit the default group's value.";
    private static final String PARTITIONS_DOC = "Number of partitions of topics created through this group: -1 for "
            + "the broker's default, or a positive number. Required for the default group; other groups inherit the "
            + "default group's value.";

    static final ConfigDef.Validator REPLICATION_FACTOR_VALIDATOR = ConfigDefs.described((name, value) -> {
        if (value != null && ((Number) value).intValue() != BROKER_DEFAULT && ((Number) value).intValue() < 1) {
            throw new ConfigException(name, value, "Use -1 for the broker's default replication factor, or a number from 1 "
                    + "up to the number of brokers");
        }
    }, () -> "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default");

    static final ConfigDef.Validator PARTITIONS_VALIDATOR = ConfigDefs.described((name, value) -> {
        if (value != null && ((Number) value).intValue() != BROKER_DEFAULT && ((Number) value).intValue() < 1) {
            throw new ConfigException(name, value, "Use -1 for the broker's default partition count, or a positive number");
        }
    }, () -> "Positive number, or -1 to use the broker's default");

    static final ConfigDef.Validator REGEX_LIST_VALIDATOR = ConfigDefs.described((name, value) -> {
        if (value == null) {
            return;
        }
        for (Object regex : (List<?>) value) {
            try {
                Pattern.compile(regex.toString());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "'" + regex + "' is not a valid regular expression ("
                        + e.getDescription() + "); write Java regular expressions such as 'orders\\..*'");
            }
        }
    }, () -> "List of Java regular expressions");

    private TopicCreationConfig() {
    }

    /**
     * The definitions of a named (non-default) group, inheriting the default group's numbers. The
     * keys have no group of their own: embedding puts them in "Topic Creation: &lt;name&gt;".
     */
    static ConfigDef groupConfigDef(String name, Object defaultReplicationFactor, Object defaultPartitions) {
        int order = 0;
        String group = null;
        return new ConfigDef()
                .define(INCLUDE_REGEX_CONFIG, Type.LIST, Collections.emptyList(), REGEX_LIST_VALIDATOR, Importance.LOW,
                        INCLUDE_DOC, group, ++order, Width.LONG, "Inclusion Topic Pattern for " + name)
                .define(EXCLUDE_REGEX_CONFIG, Type.LIST, Collections.emptyList(), REGEX_LIST_VALIDATOR, Importance.LOW,
                        EXCLUDE_DOC, group, ++order, Width.LONG, "Exclusion Topic Pattern for " + name)
                .define(REPLICATION_FACTOR_CONFIG, Type.SHORT, defaultReplicationFactor, REPLICATION_FACTOR_VALIDATOR,
                        Importance.LOW, REPLICATION_FACTOR_DOC, group, ++order, Width.LONG,
                        "Replication Factor for Topics in " + name)
                .define(PARTITIONS_CONFIG, Type.INT, defaultPartitions, PARTITIONS_VALIDATOR, Importance.LOW,
                        PARTITIONS_DOC, group, ++order, Width.LONG, "Partition Count for Topics in " + name);
    }

    /**
     * The definitions of the default group. Its include and exclude patterns are fixed (every
     * topic not claimed by another group), as in Apache; values given for them are ignored.
     */
    static ConfigDef defaultGroupConfigDef() {
        int order = 0;
        String group = null;
        String name = DEFAULT_TOPIC_CREATION_GROUP;
        return new ConfigDef()
                .define(INCLUDE_REGEX_CONFIG, Type.LIST, ".*", new ConfigDef.NonNullValidator(), Importance.LOW,
                        INCLUDE_DOC, group, ++order, Width.LONG, "Inclusion Topic Pattern for " + name)
                .define(EXCLUDE_REGEX_CONFIG, Type.LIST, Collections.emptyList(), new ConfigDef.NonNullValidator(),
                        Importance.LOW, EXCLUDE_DOC, group, ++order, Width.LONG, "Exclusion Topic Pattern for " + name)
                .define(REPLICATION_FACTOR_CONFIG, Type.SHORT, ConfigDef.NO_DEFAULT_VALUE, REPLICATION_FACTOR_VALIDATOR,
                        Importance.LOW, REPLICATION_FACTOR_DOC, group, ++order, Width.LONG,
                        "Replication Factor for Topics in " + name)
                .define(PARTITIONS_CONFIG, Type.INT, ConfigDef.NO_DEFAULT_VALUE, PARTITIONS_VALIDATOR, Importance.LOW,
                        PARTITIONS_DOC, group, ++order, Width.LONG, "Partition Count for Topics in " + name);
    }
}

package dev.ferry.runtime.config;

import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * The framework's settings of a sink connector: the common {@link ConnectorConfig} settings, the
 * topics to consume ({@code topics} or {@code topics.regex}, exactly one) and the dead letter
 * queue. Construction also enforces the topic rules of {@link #validate(Map, Map)}.
 */
public class SinkConnectorConfig extends ConnectorConfig {

    public static final String TOPICS_CONFIG = SinkTask.TOPICS_CONFIG;
    public static final List<String> TOPICS_DEFAULT = List.of();
    private static final String TOPICS_DOC = "Topics to consume, comma-separated. Set this or topics.regex, not both.";

    public static final String TOPICS_REGEX_CONFIG = SinkTask.TOPICS_REGEX_CONFIG;
    public static final String TOPICS_REGEX_DEFAULT = "";
    private static final String TOPICS_REGEX_DOC = "A Java regular expression; the connector consumes every topic "
            + "whose whole name matches it, including topics created later. Set this or topics, not both.";

    public static final String DLQ_PREFIX = "errors.deadletterqueue.";

    public static final String DLQ_TOPIC_NAME_CONFIG = DLQ_PREFIX + "topic.name";
    public static final String DLQ_TOPIC_DEFAULT = "";
    private static final String DLQ_TOPIC_NAME_DOC = "Topic that receives records which failed conversion, "
            + "transformation or delivery to the connector (when errors.tolerance=all). Empty disables the dead letter "
            + "queue. The topic is created if missing.";

    public static final String DLQ_TOPIC_REPLICATION_FACTOR_CONFIG = DLQ_PREFIX + "topic.replication.factor";
    public static final short DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT = 3;
    private static final String DLQ_TOPIC_REPLICATION_FACTOR_DOC = "Replication factor of the dead letter queue topic "
            + "when Connect creates it.";

    public static final String DLQ_CONTEXT_HEADERS_ENABLE_CONFIG = DLQ_PREFIX + "context.headers.enable";
    public static final boolean DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT = false;
    private static final String DLQ_CONTEXT_HEADERS_ENABLE_DOC = "Whether records sent to the dead letter queue carry "
            + "headers describing the failure (origin topic, partition, offset, stage, exception); their names start "
            + "with __connect.errors.";

    private static final ConfigDef.Validator REGEX_VALIDATOR = ConfigDefs.described((name, value) -> {
        if (value == null || value.toString().isEmpty()) {
            return;
        }
        try {
            Pattern.compile(value.toString());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "Not a valid Java regular expression (" + e.getDescription()
                    + "); e.g. topics.regex=orders-.*");
        }
    }, () -> "valid regex");

    /** The full definition of sink connector framework settings, before enrichment. */
    public static ConfigDef configDef() {
        return ConnectorConfig.configDef()
                .define(TOPICS_CONFIG, Type.LIST, TOPICS_DEFAULT, Importance.HIGH, TOPICS_DOC, COMMON_GROUP, 4,
                        Width.LONG, "Topics")
                .define(TOPICS_REGEX_CONFIG, Type.STRING, TOPICS_REGEX_DEFAULT, REGEX_VALIDATOR, Importance.HIGH,
                        TOPICS_REGEX_DOC, COMMON_GROUP, 4, Width.LONG, "Topics regex")
                .define(DLQ_TOPIC_NAME_CONFIG, Type.STRING, DLQ_TOPIC_DEFAULT, Importance.MEDIUM, DLQ_TOPIC_NAME_DOC,
                        ERROR_GROUP, 6, Width.MEDIUM, "Dead Letter Queue Topic Name")
                .define(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG, Type.SHORT, DLQ_TOPIC_REPLICATION_FACTOR_CONFIG_DEFAULT,
                        Importance.MEDIUM, DLQ_TOPIC_REPLICATION_FACTOR_DOC, ERROR_GROUP, 7, Width.MEDIUM,
                        "Dead Letter Queue Topic Replication Factor")
                .define(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG, Type.BOOLEAN, DLQ_CONTEXT_HEADERS_ENABLE_DEFAULT,
                        Importance.MEDIUM, DLQ_CONTEXT_HEADERS_ENABLE_DOC, ERROR_GROUP, 8, Width.MEDIUM,
                        "Enable Error Context Headers");
    }

    /** @throws ConfigException naming every problem, including the topic rules */
    public SinkConnectorConfig(Plugins plugins, Map<String, String> props) {
        super(plugins, configDef(), props);
        Map<String, ConfigValue> problems = new LinkedHashMap<>();
        validate(props, problems);
        List<String> messages = new ArrayList<>();
        problems.values().forEach(value -> messages.addAll(value.errorMessages()));
        if (!messages.isEmpty()) {
            throw new ConfigException(String.join(" ", new LinkedHashSet<>(messages)));
        }
    }

    /**
     * Checks the sink topic rules, adding each error to the entry of the key it concerns (and
     * creating entries as needed): exactly one of topics and topics.regex, and the dead letter
     * queue topic may not be one of the consumed topics.
     */
    public static void validate(Map<String, String> props, Map<String, ConfigValue> validated) {
        String topics = props.get(TOPICS_CONFIG);
        String regex = props.get(TOPICS_REGEX_CONFIG);
        String dlqTopic = props.getOrDefault(DLQ_TOPIC_NAME_CONFIG, "").trim();
        boolean hasTopics = topics != null && !topics.isBlank();
        boolean hasRegex = regex != null && !regex.isBlank();

        if (hasTopics && hasRegex) {
            String message = TOPICS_CONFIG + " and " + TOPICS_REGEX_CONFIG + " are mutually exclusive options, but both are set.";
            addError(validated, TOPICS_CONFIG, topics, message);
            addError(validated, TOPICS_REGEX_CONFIG, regex, message);
        }
        if (!hasTopics && !hasRegex) {
            String message = "Must configure one of " + TOPICS_CONFIG + " or " + TOPICS_REGEX_CONFIG;
            addError(validated, TOPICS_CONFIG, topics, message);
            addError(validated, TOPICS_REGEX_CONFIG, regex, message);
        }
        if (!dlqTopic.isEmpty()) {
            if (hasTopics) {
                List<String> topicList = parseTopics(topics);
                if (topicList.contains(dlqTopic)) {
                    addError(validated, TOPICS_CONFIG, topics, String.format("The DLQ topic '%s' may not be included in "
                            + "the list of topics ('%s=%s') consumed by the connector", dlqTopic, TOPICS_CONFIG, topicList));
                }
            }
            if (hasRegex && matches(regex, dlqTopic)) {
                addError(validated, TOPICS_REGEX_CONFIG, regex, String.format("The DLQ topic '%s' may not be matched by the "
                        + "regex for the topics ('%s=%s') consumed by the connector", dlqTopic, TOPICS_REGEX_CONFIG, regex));
            }
        }
    }

    private static boolean matches(String regex, String topic) {
        try {
            return Pattern.compile(regex).matcher(topic).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static void addError(Map<String, ConfigValue> validated, String key, String value, String message) {
        validated.computeIfAbsent(key, k -> new ConfigValue(k, value, new ArrayList<>(), new ArrayList<>()))
                .addErrorMessage(message);
    }

    /** The distinct, non-empty topic names of a {@code topics} value. */
    static List<String> parseTopics(String topics) {
        if (topics == null) {
            return List.of();
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String topic : topics.split(",")) {
            if (!topic.trim().isEmpty()) {
                result.add(topic.trim());
            }
        }
        return new ArrayList<>(result);
    }

    /** Whether the config names a dead letter queue topic. */
    public static boolean hasDlqTopicConfig(Map<String, String> props) {
        String topic = props.get(DLQ_TOPIC_NAME_CONFIG);
        return topic != null && !topic.isBlank();
    }

    /** The topics to consume; empty when {@code topics.regex} is used. */
    public List<String> topics() {
        return Collections.unmodifiableList(parseTopics(String.join(",", getList(TOPICS_CONFIG))));
    }

    /** The topic pattern, or null when {@code topics} is used. */
    public Pattern topicsRegex() {
        String regex = getString(TOPICS_REGEX_CONFIG);
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex.trim());
    }

    /** The dead letter queue topic, or empty when there is none. */
    public String dlqTopic() {
        return getString(DLQ_TOPIC_NAME_CONFIG).trim();
    }

    public short dlqReplicationFactor() {
        return getShort(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG);
    }

    public boolean dlqContextHeadersEnable() {
        return getBoolean(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG);
    }

    /** Whether failed records have somewhere to be reported (a dead letter queue or the log). */
    public boolean enableErrantRecordReporter() {
        return !dlqTopic().isEmpty() || errorsLogEnable();
    }
}

package dev.ferry.serde;

import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * Confluent's three subject name strategies: under which registry subject a topic's key or value schema lives.
 * {@link #TOPIC} (the default) gives {@code <topic>-key} / {@code <topic>-value}; {@link #RECORD} the record's
 * fully qualified name (so one schema serves many topics); {@link #TOPIC_RECORD} {@code <topic>-<record name>}
 * (several record types per topic).
 */
public enum SubjectNameStrategy {
    TOPIC("TopicNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, ParsedSchema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    RECORD("RecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, ParsedSchema schema) {
            return recordName(schema, isKey);
        }
    },
    TOPIC_RECORD("TopicRecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, ParsedSchema schema) {
            return topic + "-" + recordName(schema, isKey);
        }
    };

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    /** The subject for a key or value schema written to {@code topic}. */
    public abstract String subject(String topic, boolean isKey, ParsedSchema schema);

    /** Confluent's class name of this strategy. */
    public String confluentClassName() {
        return CONFLUENT_PACKAGE + className;
    }

    /**
     * The strategy a config value names: Confluent's class name ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}),
     * its simple name ({@code TopicNameStrategy}) or this enum's name ({@code topic_record}), case-insensitive.
     *
     * @param key the config key, for the error message
     */
    public static SubjectNameStrategy fromConfig(String key, Object value) {
        if (value == null) {
            return TOPIC;
        }
        String name = value instanceof Class<?> c ? c.getName() : value.toString().trim();
        String simple = name.startsWith(CONFLUENT_PACKAGE) ? name.substring(CONFLUENT_PACKAGE.length()) : name;
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.className.equalsIgnoreCase(simple) || strategy.name().equalsIgnoreCase(simple)) {
                return strategy;
            }
        }
        throw new ConfigException(key, name, "Use one of " + CONFLUENT_PACKAGE + "TopicNameStrategy, "
                + "RecordNameStrategy or TopicRecordNameStrategy (or their simple names); custom strategy classes "
                + "are not supported.");
    }

    private static String recordName(ParsedSchema schema, boolean isKey) {
        try {
            return schema.name();
        } catch (InvalidSchemaException e) {
            throw new InvalidSchemaException("The " + (isKey ? "key" : "value") + " schema has no record name, which "
                    + "RecordNameStrategy and TopicRecordNameStrategy need (" + e.getMessage() + "). Use "
                    + "TopicNameStrategy for primitive schemas.", e);
        }
    }
}

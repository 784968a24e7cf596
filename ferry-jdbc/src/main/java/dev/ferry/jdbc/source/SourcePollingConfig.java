package dev.ferry.jdbc.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.regex.Pattern;

/**
 * When the source polls and where its records go: {@code poll.interval.ms}, {@code batch.max.rows},
 * {@code table.poll.interval.ms}, {@code timestamp.delay.interval.ms} and {@code topic.prefix}, with Confluent's
 * names and defaults. {@code max.buffer.size} and {@code poll.linger.ms} (Confluent's read-ahead buffer) are accepted
 * so existing configs validate; Ferry reads on the task's own thread and hands each batch over as soon as it has it.
 */
final class SourcePollingConfig {

    static final String GROUP = "Connector";

    static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Milliseconds between two reads of the same table.";
    static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "The most rows one poll hands over from one table; also the "
            + "fetch size rows stream from the database in.";
    static final String MAX_BUFFER_SIZE_CONFIG = "max.buffer.size";
    private static final String MAX_BUFFER_SIZE_DOC = "Accepted for compatibility with Confluent's connector; "
            + "Ferry buffers no more than one batch (batch.max.rows).";
    static final String POLL_LINGER_MS_CONFIG = "poll.linger.ms";
    private static final String POLL_LINGER_MS_DOC = "Accepted for compatibility with Confluent's connector; "
            + "Ferry hands a batch over as soon as it is read.";
    static final String TABLE_POLL_INTERVAL_MS_CONFIG = "table.poll.interval.ms";
    private static final String TABLE_POLL_INTERVAL_MS_DOC = "Milliseconds between two listings of the database's "
            + "tables; a table that appeared or went away reassigns the tables to the tasks.";
    static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prepended to each table's name to name its topic "
            + "(prefix users -> topic prefixusers); with query, the whole topic name.";
    static final String TIMESTAMP_DELAY_INTERVAL_MS_CONFIG = "timestamp.delay.interval.ms";
    private static final String TIMESTAMP_DELAY_INTERVAL_MS_DOC = "In the timestamp modes, rows are read only once "
            + "their timestamp is this many milliseconds older than the database's clock, so transactions that "
            + "commit late with an earlier timestamp are not skipped.";

    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]*");

    private SourcePollingConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(POLL_INTERVAL_MS_CONFIG, Type.INT, 5000, ConfigDef.Range.atLeast(0), Importance.HIGH,
                        POLL_INTERVAL_MS_DOC, GROUP, ++order, Width.SHORT, "Poll Interval (ms)")
                .define(BATCH_MAX_ROWS_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        BATCH_MAX_ROWS_DOC, GROUP, ++order, Width.SHORT, "Max Rows Per Batch")
                .define(MAX_BUFFER_SIZE_CONFIG, Type.INT, 0, Importance.LOW, MAX_BUFFER_SIZE_DOC, GROUP, ++order,
                        Width.SHORT, "Maximum Buffer Size")
                .define(POLL_LINGER_MS_CONFIG, Type.LONG, 5000L, Importance.LOW, POLL_LINGER_MS_DOC, GROUP, ++order,
                        Width.SHORT, "Poll Linger Milliseconds")
                .define(TABLE_POLL_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1),
                        Importance.LOW, TABLE_POLL_INTERVAL_MS_DOC, GROUP, ++order, Width.SHORT,
                        "Metadata Change Monitoring Interval (ms)")
                .define(TOPIC_PREFIX_CONFIG, Type.STRING, "", new TopicPrefix(), Importance.HIGH, TOPIC_PREFIX_DOC,
                        GROUP, ++order, Width.MEDIUM, "Topic Prefix")
                .define(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG, Type.LONG, 0L, ConfigDef.Range.atLeast(0),
                        Importance.HIGH, TIMESTAMP_DELAY_INTERVAL_MS_DOC, GROUP, ++order, Width.MEDIUM,
                        "Delay Interval (ms)");
    }

    /** Kafka's topic-name rules for the part the connector does not add: at most 249 of [a-zA-Z0-9._-]. */
    private static final class TopicPrefix implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                throw new ConfigException(name, null, "set a topic prefix (it may be empty)");
            }
            String prefix = value.toString().strip();
            if (prefix.length() > 249) {
                throw new ConfigException(name, value, "a topic name has at most 249 characters");
            }
            if (!TOPIC_CHARS.matcher(prefix).matches()) {
                throw new ConfigException(name, value, "a topic name may hold only ASCII letters, digits, '.', '_' "
                        + "and '-'");
            }
        }

        @Override
        public String toString() {
            return "up to 249 of [a-zA-Z0-9._-]";
        }
    }
}

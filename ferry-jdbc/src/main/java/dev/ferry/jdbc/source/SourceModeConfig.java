package dev.ferry.jdbc.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How rows are found on each poll: the {@code mode} and the columns it watches, where a fresh connector starts
 * ({@code timestamp.initial}), a custom {@code query} instead of whole tables, and how queries run. Confluent's names,
 * types and defaults.
 */
final class SourceModeConfig {

    static final String GROUP = "Mode";

    static final String MODE_CONFIG = "mode";
    private static final String MODE_DOC = "How each table is read on each poll. bulk: every row, every time. "
            + "incrementing: rows whose strictly increasing column (incrementing.column.name) is above the largest "
            + "seen; finds inserts only. timestamp: rows whose timestamp column(s) moved past the latest seen; finds "
            + "inserts and updates. timestamp+incrementing: both columns, so rows sharing a timestamp are neither "
            + "missed nor repeated. Empty: incrementing on each table's auto-increment column.";
    static final String MODE_UNSET = "";
    static final String MODE_BULK = "bulk";
    static final String MODE_INCREMENTING = "incrementing";
    static final String MODE_TIMESTAMP = "timestamp";
    static final String MODE_TIMESTAMP_INCREMENTING = "timestamp+incrementing";

    static final String INCREMENTING_COLUMN_NAME_CONFIG = "incrementing.column.name";
    private static final String INCREMENTING_COLUMN_NAME_DOC = "The strictly increasing, NOT NULL column that finds "
            + "new rows (an integer, or a decimal of scale 0). Empty: the table's auto-increment column.";
    static final String INCREMENTING_COLUMN_MAPPING_CONFIG = "incrementing.column.mapping";
    private static final String INCREMENTING_COLUMN_MAPPING_DOC = "The incrementing column per table, as "
            + "regex:column pairs, comma-separated; each regex is matched against the table's unquoted qualified "
            + "name and every table read must match exactly one. For use with table.include.list.";
    static final String TIMESTAMP_COLUMN_NAME_CONFIG = "timestamp.column.name";
    private static final String TIMESTAMP_COLUMN_NAME_DOC = "The timestamp column(s) that find new and changed rows, "
            + "comma-separated; with several, a row's time is the first that is not NULL (COALESCE). At least one "
            + "must be NOT NULL.";
    static final String TIMESTAMP_COLUMNS_MAPPING_CONFIG = "timestamp.columns.mapping";
    private static final String TIMESTAMP_COLUMNS_MAPPING_DOC = "The timestamp columns per table, as "
            + "regex:[col1|col2] pairs, comma-separated; each regex is matched against the table's unquoted "
            + "qualified name and every table read must match exactly one. For use with table.include.list.";
    static final String TIMESTAMP_INITIAL_CONFIG = "timestamp.initial";
    private static final String TIMESTAMP_INITIAL_DOC = "Where a connector without stored offsets starts in the "
            + "timestamp modes: milliseconds since the epoch, or -1 for the database's current time. Unset: from "
            + "the beginning.";
    static final long TIMESTAMP_INITIAL_NOW = -1L;
    static final String VALIDATE_NON_NULL_CONFIG = "validate.non.null";
    private static final String VALIDATE_NON_NULL_DOC = "Check at start that the incrementing column, and at least "
            + "one timestamp column, are NOT NULL, failing the task otherwise (a NULL would hide rows).";

    static final String QUERY_CONFIG = "query";
    private static final String QUERY_DOC = "A SELECT to run instead of reading whole tables (no table filters "
            + "then). In the incremental modes the connector appends its WHERE clause, so the query must not have "
            + "one of its own (wrap it: SELECT * FROM (...) AS q). Records go to the topic named by topic.prefix.";
    static final String QUERY_MASKED_CONFIG = "query.masked";
    private static final String QUERY_MASKED_DOC = "Like query, for a query that must not appear in logs or REST "
            + "answers. Set one of query and query.masked.";
    static final String QUERY_SUFFIX_CONFIG = "query.suffix";
    private static final String QUERY_SUFFIX_DOC = "Text appended to every query the connector runs, e.g. a "
            + "locking hint.";
    static final String QUERY_RETRY_ATTEMPTS_CONFIG = "query.retry.attempts";
    private static final String QUERY_RETRY_ATTEMPTS_DOC = "How many times a query that failed with a transient "
            + "database error is retried (from the last offset) before the task fails; -1: without limit.";
    static final String TRANSACTION_ISOLATION_MODE_CONFIG = "transaction.isolation.mode";
    private static final String TRANSACTION_ISOLATION_MODE_DOC = "The isolation level the connector's queries run "
            + "at: DEFAULT (the database's), READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE, or "
            + "SQL_SERVER_SNAPSHOT (SQL Server only). A level the database does not support is logged and ignored.";

    private SourceModeConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(MODE_CONFIG, Type.STRING, MODE_UNSET,
                        ConfigDef.ValidString.in(MODE_UNSET, MODE_BULK, MODE_TIMESTAMP, MODE_INCREMENTING,
                                MODE_TIMESTAMP_INCREMENTING),
                        Importance.HIGH, MODE_DOC, GROUP, ++order, Width.MEDIUM, "Table Loading Mode")
                .define(INCREMENTING_COLUMN_NAME_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        INCREMENTING_COLUMN_NAME_DOC, GROUP, ++order, Width.MEDIUM, "Incrementing Column Name")
                .define(TIMESTAMP_COLUMN_NAME_CONFIG, Type.LIST, "", Importance.MEDIUM, TIMESTAMP_COLUMN_NAME_DOC,
                        GROUP, ++order, Width.MEDIUM, "Timestamp Column Name")
                .define(TIMESTAMP_COLUMNS_MAPPING_CONFIG, Type.LIST, List.of(), new ColumnMappings(true),
                        Importance.MEDIUM, TIMESTAMP_COLUMNS_MAPPING_DOC, GROUP, ++order, Width.LONG,
                        "Table to timestamp columns mappings")
                .define(INCREMENTING_COLUMN_MAPPING_CONFIG, Type.LIST, List.of(), new ColumnMappings(false),
                        Importance.MEDIUM, INCREMENTING_COLUMN_MAPPING_DOC, GROUP, ++order, Width.LONG,
                        "Table to incrementing column mappings")
                .define(TIMESTAMP_INITIAL_CONFIG, Type.LONG, null, Importance.LOW, TIMESTAMP_INITIAL_DOC, GROUP,
                        ++order, Width.MEDIUM, "Unix time value of initial timestamp")
                .define(VALIDATE_NON_NULL_CONFIG, Type.BOOLEAN, true, Importance.LOW, VALIDATE_NON_NULL_DOC, GROUP,
                        ++order, Width.SHORT, "Validate Non Null")
                .define(QUERY_CONFIG, Type.STRING, "", Importance.MEDIUM, QUERY_DOC, GROUP, ++order, Width.SHORT,
                        "Query")
                .define(QUERY_MASKED_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, QUERY_MASKED_DOC, GROUP,
                        ++order, Width.SHORT, "Query (Masked)")
                .define(QUERY_SUFFIX_CONFIG, Type.STRING, "", Importance.LOW, QUERY_SUFFIX_DOC, GROUP, ++order,
                        Width.MEDIUM, "Query suffix")
                .define(TRANSACTION_ISOLATION_MODE_CONFIG, Type.STRING, IsolationLevel.DEFAULT.name(),
                        ConfigDef.ValidString.in(IsolationLevel.names()), Importance.LOW,
                        TRANSACTION_ISOLATION_MODE_DOC, GROUP, ++order, Width.MEDIUM, "Transaction Isolation Mode")
                .define(QUERY_RETRY_ATTEMPTS_CONFIG, Type.INT, -1, ConfigDef.Range.atLeast(-1), Importance.LOW,
                        QUERY_RETRY_ATTEMPTS_DOC, GROUP, ++order, Width.MEDIUM, "Query Retry Attempts");
    }

    /** {@code regex:column} (or {@code regex:[a|b]} when {@code multiple}) pairs whose regexes compile. */
    static final class ColumnMappings implements ConfigDef.Validator {
        private final boolean multiple;

        ColumnMappings(boolean multiple) {
            this.multiple = multiple;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            for (Object item : (List<?>) value) {
                String mapping = item.toString().strip();
                int colon = mapping.lastIndexOf(':');
                if (colon <= 0 || colon == mapping.length() - 1) {
                    throw new ConfigException(name, value, "'" + mapping + "' is not " + shape());
                }
                try {
                    Pattern.compile(mapping.substring(0, colon).strip());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "'" + mapping.substring(0, colon)
                            + "' is not a regular expression: " + e.getDescription());
                }
                String columns = mapping.substring(colon + 1).strip();
                if (multiple && (!columns.startsWith("[") || !columns.endsWith("]")
                        || columns.substring(1, columns.length() - 1).isBlank()
                        || List.of(columns.substring(1, columns.length() - 1).split("\\|", -1)).stream()
                        .anyMatch(String::isBlank))) {
                    throw new ConfigException(name, value, "'" + mapping + "' is not " + shape());
                }
            }
        }

        private String shape() {
            return multiple ? "regex:[column1|column2]" : "regex:column";
        }

        @Override
        public String toString() {
            return "comma-separated " + shape() + " pairs";
        }
    }
}

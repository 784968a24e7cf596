package dev.ferry.jdbc.source;

import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.connection.ConnectionSettings;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.source.types.CalendarSystem;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.TimestampGranularity;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JDBC source's whole configuration: the shared {@link ConnectionConfig} fragment plus the source's own
 * fragments (tables, mode, polling, types), and the two keys the connector gives each task. Typed accessors for
 * what the connector and tasks read; cross-key rules are in {@link SourceConfigChecks}.
 */
final class JdbcSourceConfig extends AbstractConfig {

    /** Task key: the tables this task reads, as {@link TaskTables} writes them. */
    static final String TABLES_CONFIG = "tables";
    /** Task key: false while the connector has not listed the tables yet (then the task waits idle). */
    static final String TABLES_FETCHED_CONFIG = "tables.fetched";

    static final ConfigDef CONNECTOR_DEFINITION = connectorDefinition();
    static final ConfigDef TASK_DEFINITION = new ConfigDef(CONNECTOR_DEFINITION)
            .defineInternal(TABLES_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW)
            .defineInternal(TABLES_FETCHED_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW);

    private static ConfigDef connectorDefinition() {
        ConfigDef def = ConnectionConfig.addTo(new ConfigDef());
        SourceTablesConfig.addTo(def, 20);
        SourceTypesConfig.addTo(def, 40);
        SourceModeConfig.addTo(def);
        SourcePollingConfig.addTo(def);
        return def;
    }

    JdbcSourceConfig(Map<String, String> props) {
        this(CONNECTOR_DEFINITION, props);
    }

    private JdbcSourceConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props, !props.containsKey(SourceModeConfig.QUERY_MASKED_CONFIG));
    }

    static JdbcSourceConfig forTask(Map<String, String> props) {
        return new JdbcSourceConfig(TASK_DEFINITION, props);
    }

    ConnectionSettings connectionSettings() {
        return ConnectionConfig.settings(this);
    }

    Dialect dialect() {
        return ConnectionConfig.dialect(this);
    }

    QuoteMode quoteMode() {
        return ConnectionConfig.quoteMode(this);
    }

    ZoneId dbZone() {
        return ZoneId.of(getString(ConnectionConfig.DB_TIMEZONE_CONFIG));
    }

    SourceMode mode() {
        return SourceMode.of(getString(SourceModeConfig.MODE_CONFIG));
    }

    /** The custom query ({@code query} or {@code query.masked}), if one is set. */
    Optional<String> query() {
        Password masked = getPassword(SourceModeConfig.QUERY_MASKED_CONFIG);
        if (masked != null && masked.value() != null && !masked.value().isBlank()) {
            return Optional.of(masked.value());
        }
        String query = getString(SourceModeConfig.QUERY_CONFIG);
        return query == null || query.isBlank() ? Optional.empty() : Optional.of(query.strip());
    }

    /** Whether the query must stay out of logs ({@code query.masked}). */
    boolean queryMasked() {
        Password masked = getPassword(SourceModeConfig.QUERY_MASKED_CONFIG);
        return masked != null && masked.value() != null && !masked.value().isBlank();
    }

    String querySuffix() {
        return getString(SourceModeConfig.QUERY_SUFFIX_CONFIG).strip();
    }

    String topicPrefix() {
        return getString(SourcePollingConfig.TOPIC_PREFIX_CONFIG).strip();
    }

    List<String> whitelist() {
        return nonBlank(getList(SourceTablesConfig.TABLE_WHITELIST_CONFIG));
    }

    List<String> blacklist() {
        return nonBlank(getList(SourceTablesConfig.TABLE_BLACKLIST_CONFIG));
    }

    List<String> includeList() {
        return nonBlank(getList(SourceTablesConfig.TABLE_INCLUDE_LIST_CONFIG));
    }

    List<String> excludeList() {
        return nonBlank(getList(SourceTablesConfig.TABLE_EXCLUDE_LIST_CONFIG));
    }

    String catalogPattern() {
        return getString(SourceTablesConfig.CATALOG_PATTERN_CONFIG);
    }

    String schemaPattern() {
        return getString(SourceTablesConfig.SCHEMA_PATTERN_CONFIG);
    }

    List<String> tableTypes() {
        return nonBlank(getList(SourceTablesConfig.TABLE_TYPES_CONFIG));
    }

    String incrementingColumn() {
        return getString(SourceModeConfig.INCREMENTING_COLUMN_NAME_CONFIG).strip();
    }

    List<String> timestampColumns() {
        return nonBlank(getList(SourceModeConfig.TIMESTAMP_COLUMN_NAME_CONFIG));
    }

    List<String> incrementingColumnMapping() {
        return nonBlank(getList(SourceModeConfig.INCREMENTING_COLUMN_MAPPING_CONFIG));
    }

    List<String> timestampColumnsMapping() {
        return nonBlank(getList(SourceModeConfig.TIMESTAMP_COLUMNS_MAPPING_CONFIG));
    }

    Long timestampInitial() {
        return getLong(SourceModeConfig.TIMESTAMP_INITIAL_CONFIG);
    }

    boolean validateNonNull() {
        return getBoolean(SourceModeConfig.VALIDATE_NON_NULL_CONFIG);
    }

    IsolationLevel isolationLevel() {
        return IsolationLevel.valueOf(getString(SourceModeConfig.TRANSACTION_ISOLATION_MODE_CONFIG));
    }

    int queryRetryAttempts() {
        return getInt(SourceModeConfig.QUERY_RETRY_ATTEMPTS_CONFIG);
    }

    int pollIntervalMs() {
        return getInt(SourcePollingConfig.POLL_INTERVAL_MS_CONFIG);
    }

    int batchMaxRows() {
        return getInt(SourcePollingConfig.BATCH_MAX_ROWS_CONFIG);
    }

    long tablePollIntervalMs() {
        return getLong(SourcePollingConfig.TABLE_POLL_INTERVAL_MS_CONFIG);
    }

    long timestampDelayMs() {
        return getLong(SourcePollingConfig.TIMESTAMP_DELAY_INTERVAL_MS_CONFIG);
    }

    ReadOptions readOptions() {
        return new ReadOptions(
                SourceTypesConfig.numericMapping(getString(SourceTypesConfig.NUMERIC_MAPPING_CONFIG),
                        getBoolean(SourceTypesConfig.NUMERIC_PRECISION_MAPPING_CONFIG)),
                TimestampGranularity.valueOf(getString(SourceTypesConfig.TIMESTAMP_GRANULARITY_CONFIG).strip()
                        .toUpperCase(Locale.ROOT)),
                CalendarSystem.valueOf(getString(SourceTypesConfig.DATE_CALENDAR_SYSTEM_CONFIG)),
                dbZone());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.connection.ConnectionSettings;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.sink.types.TimeZones;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The JDBC sink's configuration, with the names, types and defaults of Confluent's {@code JdbcSinkConnector} so its
 * connector JSON runs unchanged: the shared connection keys ({@link ConnectionConfig}) and the sink's own, in
 * fragments per concern ({@link WritesConfig}, {@link DataMappingConfig}, {@link DdlConfig}, {@link RetriesConfig}).
 * Combinations that cannot work (deletes without record keys, upserts without a key) are refused here, before a
 * task starts.
 */
public final class JdbcSinkConfig extends AbstractConfig {

    private static final ConfigDef DEF = RetriesConfig.addTo(DdlConfig.addTo(DataMappingConfig.addTo(
            WritesConfig.addTo(ConnectionConfig.addTo(new ConfigDef())))));

    final String connectorName;
    final ConnectionSettings connection;
    final Dialect dialect;
    final QuoteMode quoteMode;
    final TimeZones zones;
    final InsertMode insertMode;
    final int batchSize;
    final boolean deleteEnabled;
    final Set<String> tableTypes;
    final boolean replaceNullWithDefault;
    final String tableNameFormat;
    final PkMode pkMode;
    final List<String> pkFields;
    final Set<String> fieldsWhitelist;
    final String stringValueColumn;
    final Set<String> timestampFields;
    final ChronoUnit timestampUnit;
    final boolean autoCreate;
    final boolean autoEvolve;
    final int maxRetries;
    final int retryBackoffMs;

    public JdbcSinkConfig(Map<String, String> props) {
        super(DEF, props);
        connectorName = props.getOrDefault("name", "jdbc-sink");
        connection = ConnectionConfig.settings(this);
        dialect = ConnectionConfig.dialect(this);
        quoteMode = ConnectionConfig.quoteMode(this);
        ZoneId db = ConnectionConfig.timeZone(this).toZoneId();
        boolean dateInUtc = getString(DataMappingConfig.DATE_TIMEZONE_CONFIG).equalsIgnoreCase("UTC");
        boolean legacy = getString(DataMappingConfig.DATE_CALENDAR_SYSTEM_CONFIG).strip().equals("LEGACY");
        zones = new TimeZones(db, dateInUtc ? ZoneId.of("UTC") : db, legacy);
        insertMode = InsertMode.parse(getString(WritesConfig.INSERT_MODE_CONFIG));
        batchSize = Math.max(1, getInt(WritesConfig.BATCH_SIZE_CONFIG));
        deleteEnabled = getBoolean(WritesConfig.DELETE_ENABLED_CONFIG);
        tableTypes = getList(WritesConfig.TABLE_TYPES_CONFIG).stream()
                .map(t -> t.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
        replaceNullWithDefault = getBoolean(WritesConfig.REPLACE_NULL_WITH_DEFAULT_CONFIG);
        tableNameFormat = getString(DataMappingConfig.TABLE_NAME_FORMAT_CONFIG).strip();
        pkMode = PkMode.parse(getString(DataMappingConfig.PK_MODE_CONFIG));
        pkFields = getList(DataMappingConfig.PK_FIELDS_CONFIG).stream().map(String::strip)
                .filter(f -> !f.isEmpty()).toList();
        fieldsWhitelist = getList(DataMappingConfig.FIELDS_WHITELIST_CONFIG).stream().map(String::strip)
                .filter(f -> !f.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        stringValueColumn = getString(DataMappingConfig.STRING_VALUE_COLUMN_CONFIG).strip();
        timestampFields = getList(DataMappingConfig.TIMESTAMP_FIELDS_LIST_CONFIG).stream().map(String::strip)
                .filter(f -> !f.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        timestampUnit = getString(DataMappingConfig.TIMESTAMP_PRECISION_MODE_CONFIG)
                .equalsIgnoreCase("NANOSECONDS") ? ChronoUnit.NANOS : ChronoUnit.MICROS;
        autoCreate = getBoolean(DdlConfig.AUTO_CREATE_CONFIG);
        autoEvolve = getBoolean(DdlConfig.AUTO_EVOLVE_CONFIG);
        maxRetries = getInt(RetriesConfig.MAX_RETRIES_CONFIG);
        retryBackoffMs = getInt(RetriesConfig.RETRY_BACKOFF_MS_CONFIG);
        String conflict = conflict(insertMode, pkMode, pkFields, deleteEnabled);
        if (conflict != null) {
            throw new ConfigException(conflict);
        }
    }

    /** Every key the sink accepts, for {@code Connector.config()} and the generated docs. */
    public static ConfigDef configDef() {
        return new ConfigDef(DEF);
    }

    /** What is wrong with this combination of modes, with the fix; null if it can work. */
    static String conflict(InsertMode insertMode, PkMode pkMode, List<String> pkFields, boolean deleteEnabled) {
        if (deleteEnabled && pkMode != PkMode.RECORD_KEY) {
            return "delete.enabled=true needs pk.mode=record_key (a tombstone carries only its key, so the row to "
                    + "delete is found by the key's columns), but pk.mode is " + pkMode.configValue()
                    + ": set pk.mode=record_key, or delete.enabled=false";
        }
        if (pkMode == PkMode.KAFKA && !pkFields.isEmpty() && pkFields.size() != 3) {
            return "pk.mode=kafka takes three pk.fields (the columns for topic, partition and offset) or none (then "
                    + String.join(",", PkMode.DEFAULT_KAFKA_PK_NAMES) + "), but pk.fields is "
                    + String.join(",", pkFields);
        }
        if (insertMode != InsertMode.INSERT && pkMode == PkMode.NONE) {
            return "insert.mode=" + insertMode.configValue() + " finds rows by their primary key, but pk.mode is "
                    + "none: set pk.mode to record_key, record_value or kafka (with pk.fields), or insert.mode=insert";
        }
        return null;
    }
}

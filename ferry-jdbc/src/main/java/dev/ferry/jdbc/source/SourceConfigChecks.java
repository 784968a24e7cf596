package dev.ferry.jdbc.source;

import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.dialect.Dialects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that involve more than one key, as Confluent's connector applies them: one way of choosing tables at a
 * time, a custom query without table filters, the columns each mode needs. {@link #problems} answers the keys to
 * mark and why, for {@code PUT .../config/validate}; the connector refuses to start with any.
 */
final class SourceConfigChecks {

    private static final String WHITELIST = SourceTablesConfig.TABLE_WHITELIST_CONFIG;
    private static final String BLACKLIST = SourceTablesConfig.TABLE_BLACKLIST_CONFIG;
    private static final String INCLUDE = SourceTablesConfig.TABLE_INCLUDE_LIST_CONFIG;
    private static final String EXCLUDE = SourceTablesConfig.TABLE_EXCLUDE_LIST_CONFIG;
    private static final String INC_COLUMN = SourceModeConfig.INCREMENTING_COLUMN_NAME_CONFIG;
    private static final String TS_COLUMNS = SourceModeConfig.TIMESTAMP_COLUMN_NAME_CONFIG;
    private static final String INC_MAPPING = SourceModeConfig.INCREMENTING_COLUMN_MAPPING_CONFIG;
    private static final String TS_MAPPING = SourceModeConfig.TIMESTAMP_COLUMNS_MAPPING_CONFIG;
    private static final String QUERY = SourceModeConfig.QUERY_CONFIG;
    private static final String QUERY_MASKED = SourceModeConfig.QUERY_MASKED_CONFIG;
    private static final String MODE = SourceModeConfig.MODE_CONFIG;

    private SourceConfigChecks() {
    }

    /** Key -> what is wrong with it; empty when the config is consistent. */
    static Map<String, List<String>> problems(JdbcSourceConfig config) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        boolean hasQuery = config.query().isPresent();
        Map<String, Boolean> set = new LinkedHashMap<>();
        set.put(WHITELIST, !config.whitelist().isEmpty());
        set.put(BLACKLIST, !config.blacklist().isEmpty());
        set.put(INCLUDE, !config.includeList().isEmpty());
        set.put(EXCLUDE, !config.excludeList().isEmpty());
        set.put(INC_COLUMN, !config.incrementingColumn().isEmpty());
        set.put(TS_COLUMNS, !config.timestampColumns().isEmpty());
        set.put(INC_MAPPING, !config.incrementingColumnMapping().isEmpty());
        set.put(TS_MAPPING, !config.timestampColumnsMapping().isEmpty());
        List<String> filters = List.of(WHITELIST, BLACKLIST, INCLUDE, EXCLUDE);

        String rawQuery = config.getString(QUERY);
        if (rawQuery != null && !rawQuery.isBlank() && config.queryMasked()) {
            String message = "query and query.masked are both set; keep one of them";
            add(problems, QUERY, message);
            add(problems, QUERY_MASKED, message);
        }
        if (hasQuery) {
            List<String> present = filters.stream().filter(set::get).toList();
            if (!present.isEmpty()) {
                String message = "a custom query reads no tables, so " + String.join(", ", present)
                        + " cannot be set with it; remove " + (present.size() == 1 ? "it" : "them")
                        + ", or remove the query to read whole tables";
                add(problems, config.queryMasked() ? QUERY_MASKED : QUERY, message);
                present.forEach(key -> add(problems, key, message));
            }
            if (config.mode().usesIncrementing && !set.get(INC_COLUMN)) {
                add(problems, INC_COLUMN, "mode " + modeName(config) + " with a custom query needs "
                        + "incrementing.column.name: there is no table to find an auto-increment column in"
                        + (config.getString(MODE).isBlank() ? " (an unset mode means incrementing; set mode, e.g. "
                        + "bulk)" : ""));
            }
        } else {
            if (set.get(WHITELIST) && set.get(BLACKLIST)) {
                String message = "table.whitelist and table.blacklist cannot both be set; list the tables to read "
                        + "in one of them";
                add(problems, WHITELIST, message);
                add(problems, BLACKLIST, message);
            }
            List<String> legacy = List.of(WHITELIST, BLACKLIST, INC_COLUMN, TS_COLUMNS).stream().filter(set::get)
                    .toList();
            List<String> current = List.of(INCLUDE, EXCLUDE, INC_MAPPING, TS_MAPPING).stream().filter(set::get)
                    .toList();
            if (!legacy.isEmpty() && !current.isEmpty()) {
                String message = "the legacy keys (" + String.join(", ", legacy) + ") cannot be combined with the "
                        + "newer ones (" + String.join(", ", current) + "); use table.whitelist/table.blacklist "
                        + "with incrementing.column.name/timestamp.column.name, or table.include.list/"
                        + "table.exclude.list with incrementing.column.mapping/timestamp.columns.mapping";
                legacy.forEach(key -> add(problems, key, message));
                current.forEach(key -> add(problems, key, message));
            }
            if (set.get(EXCLUDE) && !set.get(INCLUDE)) {
                add(problems, EXCLUDE, "table.exclude.list only narrows table.include.list; set "
                        + "table.include.list too (e.g. '.*' for every table)");
            }
        }
        SourceMode mode = config.mode();
        if (mode.usesTimestamp && !set.get(TS_COLUMNS) && !set.get(TS_MAPPING)) {
            add(problems, TS_COLUMNS, "mode " + modeName(config) + " needs the timestamp column(s) that change "
                    + "with each write: set timestamp.column.name" + (hasQuery ? "" : " (or timestamp.columns"
                    + ".mapping with table.include.list)"));
        }
        if (!mode.usesTimestamp && set.get(TS_MAPPING)) {
            add(problems, TS_MAPPING, "timestamp.columns.mapping is only used by mode timestamp or "
                    + "timestamp+incrementing; remove it or change the mode");
        }
        if (!mode.usesIncrementing && set.get(INC_MAPPING)) {
            add(problems, INC_MAPPING, "incrementing.column.mapping is only used by mode incrementing or "
                    + "timestamp+incrementing; remove it or change the mode");
        }
        if (config.isolationLevel() == IsolationLevel.SQL_SERVER_SNAPSHOT && !"sqlserver".equals(
                Dialects.subprotocol(config.getString(ConnectionConfig.CONNECTION_URL_CONFIG)))) {
            add(problems, SourceModeConfig.TRANSACTION_ISOLATION_MODE_CONFIG, "SQL_SERVER_SNAPSHOT works only "
                    + "with SQL Server (a jdbc:sqlserver: URL); choose DEFAULT, READ_COMMITTED, REPEATABLE_READ "
                    + "or SERIALIZABLE");
        }
        return problems;
    }

    private static String modeName(JdbcSourceConfig config) {
        String mode = config.getString(MODE);
        return mode.isBlank() ? "incrementing (mode is not set)" : mode;
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}

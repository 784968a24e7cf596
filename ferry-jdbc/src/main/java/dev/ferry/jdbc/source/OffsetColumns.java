package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.dialect.TableId;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns a table's offsets come from, checked against the table before the first query: the incrementing
 * column (configured, mapped by {@code incrementing.column.mapping}, or found as the table's auto-increment column
 * when left empty) and the timestamp columns must exist, and with {@code validate.non.null} the incrementing
 * column and at least one timestamp column must be NOT NULL. Every failure names the table, the column and the fix.
 *
 * @param incrementing the column's name as the table spells it, or null when the mode does not use one
 */
record OffsetColumns(String incrementing, List<String> timestamps) {

    static OffsetColumns resolve(JdbcSourceConfig config, SourceMode mode, TableId table,
                                 Map<String, ColumnInfo> columns) {
        if (columns.isEmpty()) {
            throw new ConnectException("Table " + table.qualifiedName() + " does not exist (or the user cannot see "
                    + "its columns). Create it, grant the user SELECT on it, or remove it from the table filters.");
        }
        String incrementing = null;
        if (mode.usesIncrementing) {
            String wanted = configuredIncrementing(config, table);
            if (wanted.isEmpty()) {
                incrementing = columns.values().stream().filter(ColumnInfo::autoIncrement).map(ColumnInfo::name)
                        .findFirst().orElseThrow(() -> new ConnectException("Table " + table.qualifiedName()
                                + " has no auto-increment column to find new rows by, and incrementing.column.name "
                                + "is empty" + (config.getString(SourceModeConfig.MODE_CONFIG).isBlank()
                                ? " (mode is not set, which means incrementing)" : "") + ". Set "
                                + "incrementing.column.name to a strictly increasing NOT NULL column of the table, "
                                + "or set mode (bulk reads every row each time; timestamp finds changed rows)."));
            } else {
                incrementing = existing(columns, wanted, table, SourceModeConfig.INCREMENTING_COLUMN_NAME_CONFIG);
            }
        }
        List<String> timestamps = new ArrayList<>();
        if (mode.usesTimestamp) {
            for (String wanted : configuredTimestamps(config, table)) {
                timestamps.add(existing(columns, wanted, table, SourceModeConfig.TIMESTAMP_COLUMN_NAME_CONFIG));
            }
        }
        if (config.validateNonNull()) {
            if (incrementing != null && columns.get(incrementing).nullable()) {
                throw new ConnectException("The incrementing column '" + incrementing + "' of table "
                        + table.qualifiedName() + " is nullable, and a row whose value is NULL would never be read. "
                        + "Make it NOT NULL (e.g. ALTER TABLE ... ALTER COLUMN ... SET NOT NULL), choose another "
                        + "column in incrementing.column.name, or set validate.non.null=false to read it anyway.");
            }
            if (!timestamps.isEmpty() && timestamps.stream().allMatch(c -> columns.get(c).nullable())) {
                throw new ConnectException("The timestamp column(s) " + timestamps + " of table "
                        + table.qualifiedName() + " are all nullable, and a row whose timestamp is NULL would never "
                        + "be read. Make at least one of them NOT NULL, or set validate.non.null=false to read them "
                        + "anyway.");
            }
        }
        return new OffsetColumns(incrementing, List.copyOf(timestamps));
    }

    private static String configuredIncrementing(JdbcSourceConfig config, TableId table) {
        for (String mapping : config.incrementingColumnMapping()) {
            int colon = mapping.lastIndexOf(':');
            if (Pattern.matches(mapping.substring(0, colon).strip(), table.qualifiedName())) {
                return mapping.substring(colon + 1).strip();
            }
        }
        if (!config.incrementingColumnMapping().isEmpty()) {
            throw new ConnectException("Table " + table.qualifiedName() + " matches no regex of "
                    + "incrementing.column.mapping " + config.incrementingColumnMapping() + "; add a mapping for it.");
        }
        return config.incrementingColumn();
    }

    private static List<String> configuredTimestamps(JdbcSourceConfig config, TableId table) {
        for (String mapping : config.timestampColumnsMapping()) {
            int colon = mapping.lastIndexOf(':');
            if (Pattern.matches(mapping.substring(0, colon).strip(), table.qualifiedName())) {
                String list = mapping.substring(colon + 1).strip();
                return List.of(list.substring(1, list.length() - 1).split("\\|")).stream().map(String::strip)
                        .toList();
            }
        }
        if (!config.timestampColumnsMapping().isEmpty()) {
            throw new ConnectException("Table " + table.qualifiedName() + " matches no regex of "
                    + "timestamp.columns.mapping " + config.timestampColumnsMapping() + "; add a mapping for it.");
        }
        return config.timestampColumns();
    }

    /** The column as the table spells it: exact, else the only one that differs in case. */
    private static String existing(Map<String, ColumnInfo> columns, String wanted, TableId table, String key) {
        if (columns.containsKey(wanted)) {
            return wanted;
        }
        List<String> folded = columns.keySet().stream().filter(c -> c.equalsIgnoreCase(wanted)).toList();
        if (folded.size() == 1) {
            return folded.get(0);
        }
        throw new ConnectException("Column '" + wanted + "' named in " + key + " does not exist in table "
                + table.qualifiedName() + " (its columns: " + String.join(", ", columns.keySet()) + "). Fix " + key
                + ".");
    }
}

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
 * Which tables the source reads: Confluent's legacy exact-name lists ({@code table.whitelist}/{@code table.blacklist}),
 * the newer regular-expression lists ({@code table.include.list}/{@code table.exclude.list}), and the JDBC metadata
 * filters ({@code catalog.pattern}, {@code schema.pattern}, {@code table.types}). Names, types and defaults are
 * Confluent's.
 */
final class SourceTablesConfig {

    static final String GROUP = "Database";

    static final String TABLE_WHITELIST_CONFIG = "table.whitelist";
    private static final String TABLE_WHITELIST_DOC = "Tables to read, comma-separated, each as its bare name "
            + "(users), qualified (public.users, shop.users) or quoted (\"public\".\"users\"). Empty: every table "
            + "the filters below let through. Cannot be combined with table.blacklist or the regex lists.";
    static final String TABLE_BLACKLIST_CONFIG = "table.blacklist";
    private static final String TABLE_BLACKLIST_DOC = "Tables not to read, written as in table.whitelist. "
            + "Cannot be combined with table.whitelist or the regex lists.";
    static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    private static final String TABLE_INCLUDE_LIST_DOC = "Regular expressions, comma-separated, matched against "
            + "the whole unquoted qualified name of each table (schema.table for PostgreSQL, database.table for "
            + "MySQL/MariaDB); matching tables are read. Case-sensitive. Cannot be combined with table.whitelist, "
            + "table.blacklist, incrementing.column.name or timestamp.column.name.";
    static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
    private static final String TABLE_EXCLUDE_LIST_DOC = "Regular expressions, comma-separated, for tables not to "
            + "read among those table.include.list matches (it needs table.include.list).";
    static final String CATALOG_PATTERN_CONFIG = "catalog.pattern";
    private static final String CATALOG_PATTERN_DOC = "JDBC catalog pattern tables are listed with (MySQL and "
            + "MariaDB: the database). Unset: any catalog, except on MySQL and MariaDB, where it is the database the "
            + "URL names; empty: tables without one.";
    static final String SCHEMA_PATTERN_CONFIG = "schema.pattern";
    private static final String SCHEMA_PATTERN_DOC = "JDBC schema pattern tables are listed with (PostgreSQL: "
            + "e.g. public). Unset: any schema; empty: tables without one.";
    static final String TABLE_TYPES_CONFIG = "table.types";
    private static final String TABLE_TYPES_DOC = "Kinds of table to read, comma-separated, as the driver names "
            + "them: TABLE, VIEW, MATERIALIZED VIEW, SYSTEM TABLE, ... Usually TABLE or VIEW.";
    static final String TABLE_TYPES_DEFAULT = "TABLE";

    private SourceTablesConfig() {
    }

    static ConfigDef addTo(ConfigDef def, int firstOrder) {
        int order = firstOrder;
        return def
                .define(TABLE_WHITELIST_CONFIG, Type.LIST, "", Importance.MEDIUM, TABLE_WHITELIST_DOC, GROUP,
                        ++order, Width.LONG, "Table Whitelist")
                .define(TABLE_BLACKLIST_CONFIG, Type.LIST, "", Importance.MEDIUM, TABLE_BLACKLIST_DOC, GROUP,
                        ++order, Width.LONG, "Table Blacklist")
                .define(TABLE_INCLUDE_LIST_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.MEDIUM,
                        TABLE_INCLUDE_LIST_DOC, GROUP, ++order, Width.LONG, "Tables Included (Regex)")
                .define(TABLE_EXCLUDE_LIST_CONFIG, Type.LIST, List.of(), new RegexList(), Importance.MEDIUM,
                        TABLE_EXCLUDE_LIST_DOC, GROUP, ++order, Width.LONG, "Tables Excluded (Regex)")
                .define(CATALOG_PATTERN_CONFIG, Type.STRING, null, Importance.MEDIUM, CATALOG_PATTERN_DOC, GROUP,
                        ++order, Width.SHORT, "Catalog pattern")
                .define(SCHEMA_PATTERN_CONFIG, Type.STRING, null, Importance.HIGH, SCHEMA_PATTERN_DOC, GROUP,
                        ++order, Width.SHORT, "Schema pattern")
                .define(TABLE_TYPES_CONFIG, Type.LIST, TABLE_TYPES_DEFAULT, Importance.LOW, TABLE_TYPES_DOC,
                        SourcePollingConfig.GROUP, 0, Width.MEDIUM, "Table Types");
    }

    /** Every element compiles as a Java regular expression. */
    static final class RegexList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            for (Object regex : (List<?>) value) {
                try {
                    Pattern.compile(regex.toString().strip());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "'" + regex + "' is not a regular expression: "
                            + e.getDescription() + " (index " + e.getIndex() + ")");
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated Java regular expressions";
        }
    }
}

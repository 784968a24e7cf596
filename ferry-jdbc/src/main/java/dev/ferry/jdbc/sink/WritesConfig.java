package dev.ferry.jdbc.sink;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The sink's keys for how rows are written: insert mode, batching, deletes, which table types may be written. */
final class WritesConfig {
    static final String GROUP = "Writes";

    static final String INSERT_MODE_CONFIG = "insert.mode";
    private static final String INSERT_MODE_DOC = "How each record is written: 'insert' adds a row (a record whose "
            + "primary key is already there fails); 'upsert' adds the row or replaces the non-key columns of the row "
            + "with the same primary key (PostgreSQL INSERT ... ON CONFLICT, MySQL/MariaDB INSERT ... ON DUPLICATE "
            + "KEY UPDATE, MERGE elsewhere), so redelivered records leave the table as it was; 'update' changes the "
            + "row with the record's primary key and adds none. upsert and update need a pk.mode other than none.";
    static final String INSERT_MODE_DEFAULT = "insert";

    static final String BATCH_SIZE_CONFIG = "batch.size";
    private static final String BATCH_SIZE_DOC = "The most records sent to the database in one JDBC batch. Every "
            + "batch of a put() is written in the same transaction.";
    static final int BATCH_SIZE_DEFAULT = 3000;

    static final String DELETE_ENABLED_CONFIG = "delete.enabled";
    private static final String DELETE_ENABLED_DOC = "Whether a tombstone (a record whose value is null) deletes "
            + "the row with the record key's primary key. Needs pk.mode=record_key.";

    static final String TABLE_TYPES_CONFIG = "table.types";
    private static final String TABLE_TYPES_DOC = "The kinds of database object the sink writes into, "
            + "comma-separated: TABLE (the default), VIEW, PARTITIONED TABLE. A view is never created or altered.";
    static final String TABLE_TYPES_DEFAULT = "TABLE";

    static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    private static final String REPLACE_NULL_WITH_DEFAULT_DOC = "Whether a null in a field whose schema has a "
            + "default value is written as that default (true) or as NULL (false).";

    /** The table types the sink may write into, as JDBC metadata names them. */
    static final java.util.Set<String> TABLE_TYPES = java.util.Set.of("TABLE", "VIEW", "PARTITIONED TABLE");

    private WritesConfig() {
    }

    /** Accepts a non-empty list of {@link #TABLE_TYPES}, in any case. */
    private static final class TableTypes implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            java.util.List<String> types = (java.util.List<String>) value;
            for (String type : types) {
                if (!TABLE_TYPES.contains(type.strip().toUpperCase(java.util.Locale.ROOT))) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value, "'" + type
                            + "' is not a table type the sink writes; use TABLE, VIEW or PARTITIONED TABLE");
                }
            }
            if (types.isEmpty()) {
                throw new org.apache.kafka.common.config.ConfigException(name, value, "name at least one table "
                        + "type, e.g. TABLE");
            }
        }

        @Override
        public String toString() {
            return "TABLE, VIEW, PARTITIONED TABLE (any case)";
        }
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(INSERT_MODE_CONFIG, Type.STRING, INSERT_MODE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("insert", "upsert", "update"), Importance.HIGH,
                        INSERT_MODE_DOC, GROUP, ++order, Width.MEDIUM, "Insert Mode")
                .define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, BATCH_SIZE_DOC, GROUP, ++order, Width.SHORT, "Batch Size")
                .define(DELETE_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, DELETE_ENABLED_DOC, GROUP,
                        ++order, Width.SHORT, "Enable deletes")
                .define(TABLE_TYPES_CONFIG, Type.LIST, TABLE_TYPES_DEFAULT,
                        new TableTypes(),
                        Importance.LOW, TABLE_TYPES_DOC, GROUP, ++order, Width.MEDIUM, "Table Types")
                .define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        REPLACE_NULL_WITH_DEFAULT_DOC, GROUP, ++order, Width.SHORT,
                        "Replace null value with default value");
    }
}

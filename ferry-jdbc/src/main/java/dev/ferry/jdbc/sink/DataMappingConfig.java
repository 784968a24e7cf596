package dev.ferry.jdbc.sink;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The sink's keys for how a record maps to a row: which table, which columns form the key, which fields are kept. */
final class DataMappingConfig {
    static final String GROUP = "Data Mapping";

    static final String TABLE_NAME_FORMAT_CONFIG = "table.name.format";
    private static final String TABLE_NAME_FORMAT_DOC = "The table a record is written to; ${topic} stands for "
            + "the record's topic, so kafka_${topic} writes topic 'orders' into table 'kafka_orders'. May name a "
            + "schema (PostgreSQL) or database (MySQL) too: archive.${topic}.";
    static final String TABLE_NAME_FORMAT_DEFAULT = "${topic}";

    static final String PK_MODE_CONFIG = "pk.mode";
    private static final String PK_MODE_DOC = "Where the primary key comes from: 'none' (no key; rows are only "
            + "inserted), 'kafka' (the record's topic, partition and offset), 'record_key' (the record key: a "
            + "primitive or fields of a struct), 'record_value' (fields of the record value). See pk.fields.";
    static final String PK_MODE_DEFAULT = "none";

    static final String PK_FIELDS_CONFIG = "pk.fields";
    private static final String PK_FIELDS_DOC = "The primary key's column names, comma-separated; read by pk.mode: "
            + "'kafka': three names for topic, partition and offset, by default __connect_topic,__connect_partition,"
            + "__connect_offset; 'record_key': for a primitive key exactly one name, the key's column; for a struct "
            + "key the fields to use, by default all of them; 'record_value': the value fields to use, by default "
            + "all of them; 'none': ignored.";

    static final String FIELDS_WHITELIST_CONFIG = "fields.whitelist";
    private static final String FIELDS_WHITELIST_DOC = "The record value fields written as columns, "
            + "comma-separated; empty writes all of them. Primary key columns are chosen by pk.fields regardless.";

    static final String DATE_TIMEZONE_CONFIG = "date.timezone";
    private static final String DATE_TIMEZONE_DOC = "The zone a Connect Date is read in to give the day written to "
            + "a date column: DB_TIMEZONE (db.timezone, Confluent's default, which moves days west of UTC one day "
            + "back when db.timezone is not UTC) or UTC (the day the value says; recommended).";
    static final String DATE_TIMEZONE_DEFAULT = "DB_TIMEZONE";

    static final String TIMESTAMP_FIELDS_LIST_CONFIG = "timestamp.fields.list";
    private static final String TIMESTAMP_FIELDS_LIST_DOC = "Value fields, comma-separated, whose INT64 or STRING "
            + "values count time since the epoch in the unit timestamp.precision.mode says, to be written as "
            + "timestamps (auto-create declares them as timestamp columns). Top-level fields only.";

    static final String TIMESTAMP_PRECISION_MODE_CONFIG = "timestamp.precision.mode";
    private static final String TIMESTAMP_PRECISION_MODE_DOC = "The unit of the fields in timestamp.fields.list: "
            + "MICROSECONDS or NANOSECONDS since the epoch. PostgreSQL and MySQL keep microseconds.";
    static final String TIMESTAMP_PRECISION_MODE_DEFAULT = "MICROSECONDS";

    static final String STRING_VALUE_COLUMN_CONFIG = "string.output.value.column.name";
    private static final String STRING_VALUE_COLUMN_DOC = "The column a record value that is a plain string (e.g. "
            + "from StringConverter) is written to, whole. Created with the table by auto.create, added by "
            + "auto.evolve.";
    static final String STRING_VALUE_COLUMN_DEFAULT = "record_value";

    static final String DATE_CALENDAR_SYSTEM_CONFIG = "date.calendar.system";
    private static final String DATE_CALENDAR_SYSTEM_DOC = "The calendar dates and timestamps before 1582-10-15 are "
            + "written in: LEGACY (Java's hybrid Julian/Gregorian calendar, as java.sql.Date and Confluent's "
            + "connector use) or PROLEPTIC_GREGORIAN (the Gregorian rules extended backwards, as java.time, Avro "
            + "and most databases count). Later dates are the same in both.";
    static final String DATE_CALENDAR_SYSTEM_DEFAULT = "LEGACY";

    private DataMappingConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(TABLE_NAME_FORMAT_CONFIG, Type.STRING, TABLE_NAME_FORMAT_DEFAULT,
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, TABLE_NAME_FORMAT_DOC, GROUP, ++order, Width.LONG, "Table Name Format")
                .define(PK_MODE_CONFIG, Type.STRING, PK_MODE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("none", "kafka", "record_key", "record_value"),
                        Importance.HIGH, PK_MODE_DOC, GROUP, ++order, Width.MEDIUM, "Primary Key Mode")
                .define(PK_FIELDS_CONFIG, Type.LIST, "", Importance.MEDIUM, PK_FIELDS_DOC, GROUP, ++order,
                        Width.LONG, "Primary Key Fields")
                .define(FIELDS_WHITELIST_CONFIG, Type.LIST, "", Importance.MEDIUM, FIELDS_WHITELIST_DOC, GROUP,
                        ++order, Width.LONG, "Fields Whitelist")
                .define(DATE_TIMEZONE_CONFIG, Type.STRING, DATE_TIMEZONE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("DB_TIMEZONE", "UTC"), Importance.LOW,
                        DATE_TIMEZONE_DOC, GROUP, ++order, Width.MEDIUM, "Time Zone used for Date")
                .define(TIMESTAMP_FIELDS_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, TIMESTAMP_FIELDS_LIST_DOC,
                        GROUP, ++order, Width.MEDIUM, "Timestamp Fields Whitelist")
                .define(TIMESTAMP_PRECISION_MODE_CONFIG, Type.STRING, TIMESTAMP_PRECISION_MODE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("MICROSECONDS", "NANOSECONDS"), Importance.LOW,
                        TIMESTAMP_PRECISION_MODE_DOC, GROUP, ++order, Width.MEDIUM,
                        "Sink Timestamp Precision mode")
                .define(STRING_VALUE_COLUMN_CONFIG, Type.STRING, STRING_VALUE_COLUMN_DEFAULT,
                        new ConfigDef.NonEmptyString(), Importance.LOW, STRING_VALUE_COLUMN_DOC, GROUP, ++order,
                        Width.MEDIUM, "String Value Column Name")
                .define(DATE_CALENDAR_SYSTEM_CONFIG, Type.STRING, DATE_CALENDAR_SYSTEM_DEFAULT,
                        ConfigDef.ValidString.in("LEGACY", "PROLEPTIC_GREGORIAN"), Importance.LOW,
                        DATE_CALENDAR_SYSTEM_DOC, GROUP, ++order, Width.MEDIUM, "Date Calendar System");
    }
}

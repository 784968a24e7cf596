package dev.ferry.jdbc.sink;

import java.util.List;
import java.util.Locale;

/** {@code pk.mode}: where a row's primary key comes from. */
public enum PkMode {
    /** No key: rows are only inserted. */
    NONE,
    /** The record's topic, partition and offset, in three columns. */
    KAFKA,
    /** The record key: a primitive (one column, named by pk.fields) or fields of a struct. */
    RECORD_KEY,
    /** Fields of the record value. */
    RECORD_VALUE;

    /** The column names {@code pk.mode=kafka} uses when {@code pk.fields} is empty (Confluent's). */
    public static final List<String> DEFAULT_KAFKA_PK_NAMES =
            List.of("__connect_topic", "__connect_partition", "__connect_offset");

    static PkMode parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

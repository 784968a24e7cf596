package dev.ferry.jdbc.sink;

import java.util.Locale;

/** {@code insert.mode}: how a record's row is written. */
public enum InsertMode {
    /** {@code INSERT}: a row whose key exists fails (and goes to the errant record reporter). */
    INSERT,
    /** Insert, or update the row with the same primary key (PostgreSQL ON CONFLICT, MySQL ON DUPLICATE KEY, MERGE). */
    UPSERT,
    /** {@code UPDATE ... WHERE key}: a record without a row changes nothing. */
    UPDATE;

    static InsertMode parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

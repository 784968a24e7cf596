package dev.ferry.jdbc.sink;

/** What a record does to its table's row. */
enum Op {
    /** Insert, upsert or update, per {@code insert.mode}. */
    WRITE,
    /** A tombstone with {@code delete.enabled}: delete the key's row. */
    DELETE
}

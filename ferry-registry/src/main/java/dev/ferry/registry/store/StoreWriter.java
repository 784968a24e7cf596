package dev.ferry.registry.store;

/**
 * Where the registry's changes go: the {@code _schemas} topic ({@link KafkaLog}). A write returns once the
 * state has applied it, so a caller reads its own write right after.
 */
public interface StoreWriter {

    /** Writes one record ({@code value} null: a tombstone) and waits until it is applied. */
    void write(StoreKey key, StoreValue value);

    /** Waits until every record written before the call is applied. */
    void catchUp();

    /** Waits, without writing, until every record in the topic now is applied (a follower after a forwarded write). */
    void awaitEnd();
}

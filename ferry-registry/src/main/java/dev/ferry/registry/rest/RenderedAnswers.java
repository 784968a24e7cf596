package dev.ferry.registry.rest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Rendered bodies of the hottest read, {@code GET /schemas/ids/{id}} (every consumer of a new schema id asks it),
 * kept until the registry's state changes: serving one is then a map lookup and a write, no state lock and no
 * JSON rendering. Bounded by clearing when full.
 *
 * <p>Thread-safe.
 */
final class RenderedAnswers {
    /** Entries kept before the cache starts over; a registry rarely has more schemas in use. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(long stateVersion, byte[] body) {
    }

    private final LongSupplier stateVersion;
    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();

    RenderedAnswers(LongSupplier stateVersion) {
        this.stateVersion = stateVersion;
    }

    byte[] get(Object key, Supplier<byte[]> render) {
        long version = stateVersion.getAsLong();
        Entry entry = entries.get(key);
        if (entry != null && entry.stateVersion() == version) {
            return entry.body();
        }
        byte[] body = render.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(version, body));
        return body;
    }
}

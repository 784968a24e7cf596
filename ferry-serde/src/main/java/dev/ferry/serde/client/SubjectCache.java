package dev.ferry.serde.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subject's schema -> value cache, bounded by {@code max.schemas.per.subject}: past the bound the least
 * recently used schema is forgotten (and asked again if it comes back) rather than failing, so an application
 * that generates many schema variants degrades to more requests, not to errors.
 */
final class SubjectCache<V> {

    private final Map<SchemaKey, V> entries;

    SubjectCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SchemaKey, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V get(SchemaKey key) {
        return entries.get(key);
    }

    synchronized void put(SchemaKey key, V value) {
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}

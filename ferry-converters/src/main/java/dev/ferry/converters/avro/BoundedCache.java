package dev.ferry.converters.avro;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map of at most {@code capacity} entries, safe for concurrent use (a converter instance may
 * be shared by the tasks of a worker). Holds converted schemas, whose number is small, so one lock is enough.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}

package dev.ferry.converters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used map of at most {@code capacity} entries, safe for concurrent use (a converter instance may
 * be shared by the tasks of a worker). Holds converted schemas, whose number is small, so one lock is enough.
 * Public for the format packages' schema caches.
 */
public final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    public BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized int size() {
        return entries.size();
    }
}

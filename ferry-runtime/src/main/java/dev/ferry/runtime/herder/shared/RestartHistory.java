package dev.ferry.runtime.herder.shared;

import dev.ferry.runtime.model.RestartEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@link #MAX_EVENTS} decisions of {@link AutoRestarter} per connector on this worker,
 * for {@code GET /connectors/{c}/restarts}. Only connectors with a restart policy that failed
 * ever get an entry, and a deleted connector's entry is dropped, so a worker without failures
 * keeps nothing.
 *
 * <p>Thread contract: thread-safe.
 */
public final class RestartHistory {
    /** Decisions kept per connector (its connector instance and tasks together), oldest dropped first. */
    public static final int MAX_EVENTS = 50;

    private final Map<String, Deque<RestartEvent>> events = new ConcurrentHashMap<>();

    void add(RestartEvent event) {
        Deque<RestartEvent> deque = events.computeIfAbsent(event.connector(), c -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(event);
            while (deque.size() > MAX_EVENTS) {
                deque.removeFirst();
            }
        }
    }

    /** The connector's decisions on this worker, oldest first; empty when there were none. */
    public List<RestartEvent> of(String connector) {
        Deque<RestartEvent> deque = events.get(connector);
        if (deque == null) {
            return List.of();
        }
        synchronized (deque) {
            return List.copyOf(new ArrayList<>(deque));
        }
    }

    void forget(String connector) {
        events.remove(connector);
    }
}

package dev.ferry.runtime.storage;

import dev.ferry.runtime.herder.ConnectorTaskId;
import dev.ferry.runtime.herder.InstanceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Statuses of connectors and tasks held in memory, as standalone mode keeps them (they describe
 * the running process, so there is nothing to keep across a restart).
 *
 * <p>Thread contract: safe for concurrent use; task and connector threads write, REST reads.
 */
public final class MemoryStatusStore {
    private final Map<String, InstanceStatus> connectors = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<ConnectorTaskId, InstanceStatus> tasks = new ConcurrentSkipListMap<>();

    public void putConnector(String connector, InstanceStatus status) {
        connectors.put(connector, status);
    }

    public void putTask(ConnectorTaskId task, InstanceStatus status) {
        tasks.put(task, status);
    }

    public Optional<InstanceStatus> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }

    public Optional<InstanceStatus> task(ConnectorTaskId task) {
        return Optional.ofNullable(tasks.get(task));
    }

    /** The statuses of the connector's tasks, sorted by task number. */
    public List<Map.Entry<ConnectorTaskId, InstanceStatus>> tasks(String connector) {
        return List.copyOf(tasks.subMap(new ConnectorTaskId(connector, 0), true,
                new ConnectorTaskId(connector, Integer.MAX_VALUE), true).entrySet());
    }

    public void removeTask(ConnectorTaskId task) {
        tasks.remove(task);
    }

    /** Forgets the connector and all its tasks (the DESTROYED state is never shown). */
    public void removeConnector(String connector) {
        connectors.remove(connector);
        tasks(connector).forEach(e -> tasks.remove(e.getKey()));
    }
}

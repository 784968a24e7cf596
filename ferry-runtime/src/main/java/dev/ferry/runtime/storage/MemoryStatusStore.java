package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Statuses of connectors and tasks held in memory, as standalone mode keeps them (they describe
 * the running process, so there is nothing to keep across a restart).
 *
 * <p>Thread contract: safe for concurrent use; task and connector threads write, REST reads.
 */
public final class MemoryStatusStore implements StatusStore {
    private final Map<String, InstanceStatus> connectors = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<ConnectorTaskId, InstanceStatus> tasks = new ConcurrentSkipListMap<>();

    @Override
    public void putConnector(String connector, InstanceStatus status) {
        connectors.put(connector, status);
    }

    @Override
    public void putTask(ConnectorTaskId task, InstanceStatus status) {
        tasks.put(task, status);
    }

    @Override
    public Optional<InstanceStatus> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }

    @Override
    public Optional<InstanceStatus> task(ConnectorTaskId task) {
        return Optional.ofNullable(tasks.get(task));
    }

    @Override
    public List<Map.Entry<ConnectorTaskId, InstanceStatus>> tasks(String connector) {
        return List.copyOf(tasks.subMap(new ConnectorTaskId(connector, 0), true,
                new ConnectorTaskId(connector, Integer.MAX_VALUE), true).entrySet());
    }

    @Override
    public Set<String> connectors() {
        return new TreeSet<>(connectors.keySet());
    }

    @Override
    public void removeTask(ConnectorTaskId task) {
        tasks.remove(task);
    }

    @Override
    public void removeConnector(String connector) {
        connectors.remove(connector);
        tasks(connector).forEach(e -> tasks.remove(e.getKey()));
    }
}

package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Statuses of connectors and tasks held in memory, as standalone mode keeps them (they describe
 * the running process, so there is nothing to keep across a restart). Task statuses are kept per
 * connector, so that reading one connector's tasks (which {@code GET /connectors?expand=status}
 * does for every connector on every read) looks up its map rather than searching all the worker's tasks.
 *
 * <p>Thread contract: safe for concurrent use; task and connector threads write, REST reads.
 */
public final class MemoryStatusStore implements StatusStore {
    private final Map<String, InstanceStatus> connectors = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Integer, InstanceStatus>> tasks = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    @Override
    public void putConnector(String connector, InstanceStatus status) {
        connectors.put(connector, status);
        version.incrementAndGet();
    }

    @Override
    public void putTask(ConnectorTaskId task, InstanceStatus status) {
        // compute, not computeIfAbsent then put: a concurrent removeTask must not drop the map this put lands in.
        tasks.compute(task.connector(), (connector, statuses) -> {
            ConcurrentSkipListMap<Integer, InstanceStatus> map = statuses == null ? new ConcurrentSkipListMap<>() : statuses;
            map.put(task.task(), status);
            return map;
        });
        version.incrementAndGet();
    }

    @Override
    public Optional<InstanceStatus> connector(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }

    @Override
    public Optional<InstanceStatus> task(ConnectorTaskId task) {
        Map<Integer, InstanceStatus> statuses = tasks.get(task.connector());
        return Optional.ofNullable(statuses == null ? null : statuses.get(task.task()));
    }

    @Override
    public List<Map.Entry<ConnectorTaskId, InstanceStatus>> tasks(String connector) {
        ConcurrentSkipListMap<Integer, InstanceStatus> statuses = tasks.get(connector);
        if (statuses == null) {
            return List.of();
        }
        List<Map.Entry<ConnectorTaskId, InstanceStatus>> entries = new ArrayList<>(statuses.size());
        statuses.forEach((task, status) -> entries.add(Map.entry(new ConnectorTaskId(connector, task), status)));
        return List.copyOf(entries);
    }

    @Override
    public Set<String> connectors() {
        return new TreeSet<>(connectors.keySet());
    }

    @Override
    public void removeTask(ConnectorTaskId task) {
        tasks.computeIfPresent(task.connector(), (connector, statuses) -> {
            statuses.remove(task.task());
            return statuses.isEmpty() ? null : statuses;
        });
        version.incrementAndGet();
    }

    @Override
    public void removeConnector(String connector) {
        connectors.remove(connector);
        tasks.remove(connector);
        version.incrementAndGet();
    }

    @Override
    public long version() {
        return version.get();
    }
}

package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every status report of a worker so tests can wait for states and read failure causes. */
final class RecordingStatusListener implements StatusListener {
    private final Map<String, State> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, State> tasks = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, List<State>> taskHistory = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, Throwable> taskFailures = new ConcurrentHashMap<>();
    private final Map<String, Throwable> connectorFailures = new ConcurrentHashMap<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final List<String> reconfigurations = new CopyOnWriteArrayList<>();

    @Override
    public void connectorState(String connector, State state, Throwable cause) {
        connectors.put(connector, state);
        if (cause != null) {
            connectorFailures.put(connector, cause);
        }
    }

    @Override
    public void taskState(ConnectorTaskId task, State state, Throwable cause) {
        tasks.put(task, state);
        taskHistory.computeIfAbsent(task, t -> new CopyOnWriteArrayList<>()).add(state);
        if (cause != null) {
            taskFailures.put(task, cause);
        }
    }

    @Override
    public void topicUsed(ConnectorTaskId task, String topic) {
        topics.add(task + ":" + topic);
    }

    @Override
    public void taskReconfigurationRequested(String connector) {
        reconfigurations.add(connector);
    }

    void awaitConnector(String connector, State state) {
        Await.until(() -> connectors.get(connector) == state, Duration.ofSeconds(30),
                () -> "connector " + connector + " to be " + state + ", but it is " + connectors.get(connector));
    }

    void awaitTask(ConnectorTaskId task, State state) {
        Await.until(() -> tasks.get(task) == state, Duration.ofSeconds(30),
                () -> "task " + task + " to be " + state + ", but it is " + tasks.get(task)
                        + (taskFailures.containsKey(task) ? " with " + taskFailures.get(task) : ""));
    }

    /** Waits until the task has reported {@code state} at some point, whatever it reports now. */
    void awaitTaskReached(ConnectorTaskId task, State state) {
        Await.until(() -> taskHistory.getOrDefault(task, List.of()).contains(state), Duration.ofSeconds(30),
                () -> "task " + task + " to report " + state + ", but it reported " + taskHistory.get(task)
                        + (taskFailures.containsKey(task) ? " with " + taskFailures.get(task) : ""));
    }

    Throwable connectorFailure(String connector) {
        return connectorFailures.get(connector);
    }

    /** The task's latest reported state, or null. */
    State task(ConnectorTaskId task) {
        return tasks.get(task);
    }

    Throwable taskFailure(ConnectorTaskId task) {
        return taskFailures.get(task);
    }

    Set<String> topicsUsed() {
        return topics;
    }
}

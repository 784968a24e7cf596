package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a worker's REST API says about where connectors and tasks run and in which state: parsed
 * from {@code GET /connectors?expand=status} (every connector) or {@code GET
 * /connectors/<name>/status} (one). Keys are connector names, and {@code name-N} for task N.
 *
 * @param connectors each connector's state and worker
 * @param tasks each task's state and worker
 */
record ClusterStatus(Map<String, Placement> connectors, Map<String, Placement> tasks) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNNING = "RUNNING";

    /** One connector or task: its state and the worker id its latest status record names. */
    record Placement(String state, String workerId) {
    }

    /** Parses the body of {@code GET /connectors?expand=status}. */
    static ClusterStatus parse(String expandStatusJson) throws IOException {
        ClusterStatus status = new ClusterStatus(new TreeMap<>(), new TreeMap<>());
        for (Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(expandStatusJson).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            status.add(entry.getKey(), entry.getValue().path("status"));
        }
        return status;
    }

    /** Parses the body of {@code GET /connectors/<name>/status}. */
    static ClusterStatus parseOne(String name, String connectorStatusJson) throws IOException {
        ClusterStatus status = new ClusterStatus(new TreeMap<>(), new TreeMap<>());
        status.add(name, JSON.readTree(connectorStatusJson));
        return status;
    }

    private void add(String name, JsonNode status) {
        JsonNode connector = status.path("connector");
        if (!connector.isMissingNode()) {
            connectors.put(name, new Placement(connector.path("state").asText(), connector.path("worker_id").asText()));
        }
        for (JsonNode task : status.path("tasks")) {
            tasks.put(name + "-" + task.path("id").asInt(),
                    new Placement(task.path("state").asText(), task.path("worker_id").asText()));
        }
    }

    /**
     * True when exactly {@code connectorCount} connectors and {@code taskCount} tasks are listed,
     * all RUNNING, and none on {@code goneWorkerId} (null: any worker will do).
     */
    boolean allRunning(int connectorCount, int taskCount, String goneWorkerId) {
        return connectors.size() == connectorCount && tasks.size() == taskCount
                && connectors.values().stream().allMatch(p -> isRunningOn(p, goneWorkerId))
                && tasks.values().stream().allMatch(p -> isRunningOn(p, goneWorkerId));
    }

    private static boolean isRunningOn(Placement p, String goneWorkerId) {
        return RUNNING.equals(p.state()) && !p.workerId().equals(goneWorkerId);
    }

    /** Connectors plus tasks whose status names {@code workerId}. */
    int workOn(String workerId) {
        return (int) (connectors.values().stream().filter(p -> p.workerId().equals(workerId)).count()
                + tasks.values().stream().filter(p -> p.workerId().equals(workerId)).count());
    }

    /** Tasks per worker id, for telling whether the work is spread evenly. */
    Map<String, Integer> tasksPerWorker() {
        Map<String, Integer> counts = new TreeMap<>();
        tasks.values().forEach(p -> counts.merge(p.workerId(), 1, Integer::sum));
        return counts;
    }

    /** For progress lines and failure messages: state@worker of everything not RUNNING, or "all RUNNING". */
    String summary() {
        StringBuilder text = new StringBuilder();
        Map<String, Placement> all = new TreeMap<>(connectors);
        all.putAll(tasks);
        all.forEach((name, p) -> {
            if (!RUNNING.equals(p.state())) {
                text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(p.state()).append('@')
                        .append(p.workerId());
            }
        });
        return connectors.size() + " connectors, " + tasks.size() + " tasks; "
                + (text.length() == 0 ? "all RUNNING" : text) + "; tasks per worker " + tasksPerWorker();
    }
}

package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.herder.contract.plugin.ScriptedSinkConnector;
import dev.ferry.runtime.herder.contract.plugin.ScriptedSourceConnector;
import dev.ferry.runtime.herder.contract.plugin.StartLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's view of {@link ScriptedSourceConnector}s: their configurations, their failure switches
 * and what their start logs say, all under one scratch directory.
 */
final class ScriptedConnectors {
    private final Path dir;

    ScriptedConnectors(Path dir) {
        this.dir = dir;
    }

    /** A config for a connector with {@code tasks} tasks carrying {@code marker}. */
    Map<String, String> config(int tasks, String marker) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ScriptedSourceConnector.class.getName());
        config.put("tasks.max", "10");
        config.put(ScriptedSourceConnector.TASKS, Integer.toString(tasks));
        config.put(ScriptedSourceConnector.MARKER, marker);
        config.put(ScriptedSourceConnector.LOG_DIR, dir.toString());
        return config;
    }

    /**
     * A config for a connector with {@code tasks} tasks whose marker is the content of
     * {@code markerFile}: the connector asks for new task configs whenever the content changes.
     */
    Map<String, String> markedBy(Path markerFile, int tasks) {
        Map<String, String> config = config(tasks, "");
        config.remove(ScriptedSourceConnector.MARKER);
        config.put(ScriptedSourceConnector.MARKER_FILE, markerFile.toString());
        return config;
    }

    /** A config for a sink connector with one task reading {@code topic}, logging starts, stops and batches. */
    Map<String, String> sink(String topic) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ScriptedSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put(ScriptedSourceConnector.LOG_DIR, dir.toString());
        return config;
    }

    /**
     * {@code config} with failures: the connector's own start (when {@code connector}) and the listed
     * tasks' starts fail while the connector's switch is on ({@link #switchOn}).
     */
    Map<String, String> failing(String name, Map<String, String> config, boolean connector, int... tasks) {
        Map<String, String> failing = new LinkedHashMap<>(config);
        failing.put(ScriptedSourceConnector.FAIL_SWITCH, switchFile(name).toString());
        failing.put(ScriptedSourceConnector.FAIL_CONNECTOR, Boolean.toString(connector));
        failing.put(ScriptedSourceConnector.FAIL_TASKS, String.join(",",
                java.util.Arrays.stream(tasks).mapToObj(Integer::toString).toList()));
        return failing;
    }

    void switchOn(String connector) {
        try {
            Files.createDirectories(dir);
            Files.writeString(switchFile(connector), "on");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void switchOff(String connector) {
        try {
            Files.deleteIfExists(switchFile(connector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path switchFile(String connector) {
        return dir.resolve(connector + ".fail");
    }

    /** How often the connector instance started. */
    long connectorStarts(String connector) {
        return starts(StartLog.lines(dir, connector, "connector"));
    }

    /** How often task {@code task} of the connector started. */
    long taskStarts(String connector, int task) {
        return starts(taskLog(connector, task));
    }

    /** The last line task {@code task} wrote: {@code start marker=... position=...} or {@code stop}. */
    String lastTaskLine(String connector, int task) {
        List<String> lines = taskLog(connector, task);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    List<String> taskLog(String connector, int task) {
        return StartLog.lines(dir, connector, "task-" + task);
    }

    private static long starts(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("start")).count();
    }
}

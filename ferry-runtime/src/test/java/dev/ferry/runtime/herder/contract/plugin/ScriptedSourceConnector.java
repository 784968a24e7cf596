package dev.ferry.runtime.herder.contract.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The contract suite's source connector: it makes {@code tasks} task configurations that carry
 * its {@code marker} (so a changed marker means changed task configs), writes every start and
 * stop of itself and of its tasks to a {@link StartLog}, fails on purpose while the file named by
 * {@code fail.switch} exists (the connector when {@code fail.connector} is true, the tasks listed
 * in {@code fail.tasks}), and accepts offset changes. Its tasks write nothing. With
 * {@code marker.file}, the marker is that file's content, and the connector asks for a task
 * reconfiguration whenever the content changes (as a connector does that finds new work).
 *
 * <p>Its state reaches the test through files only: the worker loads it from a plugin directory
 * in a class loader of its own, where a static field would not be the test's.
 */
public class ScriptedSourceConnector extends SourceConnector {
    public static final String TASKS = "tasks";
    public static final String MARKER = "marker";
    public static final String LOG_DIR = "log.dir";
    public static final String FAIL_SWITCH = "fail.switch";
    public static final String FAIL_CONNECTOR = "fail.connector";
    public static final String FAIL_TASKS = "fail.tasks";
    public static final String MARKER_FILE = "marker.file";
    /** The message of every failure this connector and its tasks throw on purpose. */
    public static final String FAILURE = "scripted failure, the switch file exists";

    private Map<String, String> config;
    private StartLog log;
    private volatile Thread markerWatch;

    @Override
    public void start(Map<String, String> props) {
        config = Map.copyOf(props);
        log = StartLog.of(props);
        log.connector("start");
        if (Boolean.parseBoolean(props.get(FAIL_CONNECTOR)) && StartLog.switchOn(props)) {
            throw new ConnectException(FAILURE + " (connector " + props.get("name") + ")");
        }
        if (props.containsKey(MARKER_FILE)) {
            markerWatch = new Thread(this::watchMarker, "marker-watch-" + props.get("name"));
            markerWatch.setDaemon(true);
            markerWatch.start();
        }
    }

    /** Asks for new task configs each time the marker file's content changes, until stopped. */
    private void watchMarker() {
        String seen = marker();
        while (Thread.currentThread() == markerWatch) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            String now = marker();
            if (!now.equals(seen)) {
                seen = now;
                context.requestTaskReconfiguration();
            }
        }
    }

    private String marker() {
        String file = config.get(MARKER_FILE);
        if (file == null) {
            return config.getOrDefault(MARKER, "");
        }
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ScriptedSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int count = Integer.parseInt(config.getOrDefault(TASKS, "1"));
        List<String> failing = List.of(config.getOrDefault(FAIL_TASKS, "").split(","));
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> task = new HashMap<>();
            task.put(ScriptedSourceTask.INDEX, Integer.toString(i));
            task.put(ScriptedSourceTask.CONNECTOR, config.get("name"));
            task.put(MARKER, marker());
            task.put(LOG_DIR, config.get(LOG_DIR));
            task.put(ScriptedSourceTask.FAIL, Boolean.toString(failing.contains(Integer.toString(i))));
            if (config.containsKey(FAIL_SWITCH)) {
                task.put(FAIL_SWITCH, config.get(FAIL_SWITCH));
            }
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
        Thread watch = markerWatch;
        markerWatch = null;
        if (watch != null) {
            watch.interrupt();
        }
        if (log != null) {
            log.connector("stop");
        }
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return true;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(TASKS, ConfigDef.Type.INT, 1, ConfigDef.Range.atLeast(0), ConfigDef.Importance.HIGH,
                        "How many task configurations to make")
                .define(MARKER, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                        "A value copied into every task configuration")
                .define(LOG_DIR, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                        "Directory where starts and stops are written");
    }

    @Override
    public String version() {
        return "1.0";
    }
}

package dev.ferry.runtime.herder.contract.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The contract suite's sink connector: its tasks read their topics and keep nothing, so the
 * runtime's consumer commits what they were handed; each start and stop of a task is written to
 * the {@link StartLog}, as {@link ScriptedSourceConnector}'s are.
 */
public class ScriptedSinkConnector extends SinkConnector {
    private Map<String, String> config;

    @Override
    public void start(Map<String, String> props) {
        config = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ScriptedSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(config);
            task.put(ScriptedSourceTask.INDEX, Integer.toString(i));
            task.put(ScriptedSourceTask.CONNECTOR, config.get("name"));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(ScriptedSourceConnector.LOG_DIR, ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "Directory where starts and stops are written");
    }

    @Override
    public String version() {
        return "1.0";
    }
}

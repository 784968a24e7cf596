package dev.ferry.benchmarks.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The density benchmark's connector: {@code tasks.max} source tasks, each of which sends one record to
 * {@code topic} when it starts (so its producer is connected and holds the topic's metadata, as a live
 * connector's does) and then, with {@code records.per.second} at 0, waits in {@code poll()} as
 * FileStreamSource does at the end of its file. With a rate above 0 each task keeps sending, which is how the
 * benchmark keeps data moving while it loads the REST API. Only connect-api is used, so the same jar is a
 * plugin of Apache's worker and of Ferry's; the benchmark writes it into a plugin directory at run time.
 */
public class QuietSourceConnector extends SourceConnector {
    static final String TOPIC = "topic";
    static final String RATE = "records.per.second";
    static final String TASK_INDEX = "task.index";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return QuietSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_INDEX, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "The topic the tasks write to")
                .define(RATE, ConfigDef.Type.INT, 0, ConfigDef.Importance.MEDIUM,
                        "Records each task sends per second after its first; 0 keeps it quiet");
    }

    @Override
    public String version() {
        return "1.0";
    }
}

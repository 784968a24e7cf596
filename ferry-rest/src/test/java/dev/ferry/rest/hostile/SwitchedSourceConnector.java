package dev.ferry.rest.hostile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source connector whose one task idles, as {@link IdleSourceConnector}'s does, until a test of this JVM calls
 * {@link #failTasksOf}: then it throws from {@code poll()} and the worker marks it FAILED. A status change that
 * changes no config, without a broker. Registered through this test tree's {@code META-INF/services}.
 */
public class SwitchedSourceConnector extends SourceConnector {
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    private Map<String, String> config;

    /** The running task of the connector fails at its next poll. */
    static void failTasksOf(String connector) {
        FAILING.add(connector);
    }

    @Override
    public void start(Map<String, String> props) {
        config = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SwitchedTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(config);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "1.0";
    }

    /** Waits a little on each poll and returns nothing, or fails once its connector is switched. */
    public static class SwitchedTask extends SourceTask {
        private String connector;

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public void start(Map<String, String> props) {
            connector = props.get("name");
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (FAILING.contains(connector)) {
                throw new ConnectException("Switched to fail by the test");
            }
            Thread.sleep(50);
            return null;
        }

        @Override
        public void stop() {
        }
    }
}

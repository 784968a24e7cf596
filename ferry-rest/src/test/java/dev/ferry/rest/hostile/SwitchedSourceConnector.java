package dev.ferry.rest.hostile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source connector whose one task idles, as {@link IdleSourceConnector}'s does, until a test of this JVM calls
 * {@link #failTasksOf}: then it throws from {@code poll()} and the worker marks it FAILED. A status change that
 * changes no config, without a broker. Registered through this test tree's {@code META-INF/services}.
 */
public class SwitchedSourceConnector extends IdleSourceConnector {
    private static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    /** The running task of the connector fails at its next poll. */
    static void failTasksOf(String connector) {
        FAILING.add(connector);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SwitchedTask.class;
    }

    /** Idles on each poll, or fails once its connector is switched. */
    public static class SwitchedTask extends IdleTask {
        private String connector;

        @Override
        public void start(Map<String, String> props) {
            connector = props.get("name");
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (FAILING.contains(connector)) {
                throw new ConnectException("Switched to fail by the test");
            }
            return super.poll();
        }
    }
}

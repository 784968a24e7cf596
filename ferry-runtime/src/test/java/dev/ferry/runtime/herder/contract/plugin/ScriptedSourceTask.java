package dev.ferry.runtime.herder.contract.plugin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A task of {@link ScriptedSourceConnector}: on start it writes its marker and the source offset
 * it finds for its connector's partition ({@link #partition}) to the {@link StartLog}, then fails
 * if told to, and otherwise polls nothing until stopped.
 */
public class ScriptedSourceTask extends SourceTask {
    static final String INDEX = "task.index";
    static final String CONNECTOR = "task.connector";
    static final String FAIL = "task.fail";
    /** The key of the one offset field tests write and tasks read. */
    public static final String POSITION = "position";

    private final CountDownLatch stopped = new CountDownLatch(1);
    private StartLog log;
    private int index;

    /** The source partition whose offset a task of {@code connector} reads at start. */
    public static Map<String, Object> partition(String connector) {
        return Map.of("connector", connector);
    }

    @Override
    public void start(Map<String, String> props) {
        index = Integer.parseInt(props.get(INDEX));
        log = StartLog.of(props);
        Map<String, Object> offset = context.offsetStorageReader().offset(partition(props.get(CONNECTOR)));
        Object position = offset == null ? null : offset.get(POSITION);
        log.task(index, "start marker=" + props.get(ScriptedSourceConnector.MARKER) + " position=" + position);
        if (Boolean.parseBoolean(props.get(FAIL)) && StartLog.switchOn(props)) {
            throw new ConnectException(ScriptedSourceConnector.FAILURE + " (task " + index + ")");
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        stopped.await(100, TimeUnit.MILLISECONDS);
        return null;
    }

    @Override
    public void stop() {
        if (log != null) {
            log.task(index, "stop");
        }
        stopped.countDown();
    }

    @Override
    public String version() {
        return "1.0";
    }
}

package dev.ferry.runtime.herder.contract.plugin;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A task of {@link ScriptedSinkConnector}: logs its start and stop, and {@code put <n>} for each
 * batch of n records it is handed, which it takes without keeping them.
 */
public class ScriptedSinkTask extends SinkTask {
    private StartLog log;
    private int index;

    @Override
    public void start(Map<String, String> props) {
        index = Integer.parseInt(props.get(ScriptedSourceTask.INDEX));
        log = StartLog.of(props);
        log.task(index, "start");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            log.task(index, "put " + records.size());
        }
    }

    @Override
    public void stop() {
        if (log != null) {
            log.task(index, "stop");
        }
    }

    @Override
    public String version() {
        return "1.0";
    }
}

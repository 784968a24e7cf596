package dev.ferry.benchmarks.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A task of {@link QuietSourceConnector}: one record at start, then quiet (a one-second wait per poll, woken by
 * {@code stop()}), or a steady {@code records.per.second} in batches every 100 ms. Its source offset counts the
 * records it has sent.
 */
public class QuietSourceTask extends SourceTask {
    private static final long BATCH_MILLIS = 100;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private String topic;
    private Map<String, String> partition;
    private int perBatch;
    private long sent;

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public void start(Map<String, String> props) {
        topic = props.get(QuietSourceConnector.TOPIC);
        partition = Map.of("task", props.getOrDefault("name", "") + "-" + props.get(QuietSourceConnector.TASK_INDEX));
        int rate = Integer.parseInt(props.getOrDefault(QuietSourceConnector.RATE, "0"));
        perBatch = (int) Math.max(rate == 0 ? 0 : 1, rate * BATCH_MILLIS / 1000);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (sent == 0) {
            return batch(1);
        }
        if (stopped.await(perBatch == 0 ? 1000 : BATCH_MILLIS, TimeUnit.MILLISECONDS) || perBatch == 0) {
            return null;
        }
        return batch(perBatch);
    }

    private List<SourceRecord> batch(int size) {
        List<SourceRecord> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            sent++;
            records.add(new SourceRecord(partition, Map.of("sent", sent), topic, null, null, null,
                    Schema.STRING_SCHEMA, partition.get("task") + ":" + sent));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}

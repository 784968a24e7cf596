package dev.ferry.jdbc.source;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a real {@link JdbcSourceTask} without a worker: an in-memory offset store stands for the worker's offsets
 * topic, and every record a poll returns has its offset committed there (what a worker does once the records are
 * written), so a task started again with the same runner resumes as after a worker restart.
 */
final class SourceTaskRunner implements AutoCloseable {

    /** The committed offsets, by partition; shared by every task this runner starts. */
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    private JdbcSourceTask task;

    SourceTaskRunner start(Map<String, String> props) {
        stop();
        task = new JdbcSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return committed.get(new HashMap<String, Object>(partition));
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                        for (Map<String, T> partition : partitions) {
                            Map<String, Object> offset = offset(partition);
                            if (offset != null) {
                                found.put(partition, offset);
                            }
                        }
                        return found;
                    }
                };
            }
        });
        task.start(props);
        return this;
    }

    /** Polls until {@code count} records arrived (failing after {@code timeout}); commits their offsets. */
    List<SourceRecord> poll(int count, Duration timeout) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " records within " + timeout + " but got "
                        + records.size() + ": " + records);
            }
            records.addAll(pollOnce());
        }
        return records;
    }

    /** Polls for {@code duration} and returns whatever arrived (to check that nothing more does). */
    List<SourceRecord> pollFor(Duration duration) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            records.addAll(pollOnce());
        }
        return records;
    }

    List<SourceRecord> pollOnce() throws InterruptedException {
        List<SourceRecord> batch = task.poll();
        if (batch == null) {
            return List.of();
        }
        for (SourceRecord record : batch) {
            if (record.sourceOffset() != null) {
                committed.put(new HashMap<>(record.sourcePartition()), new HashMap<>(record.sourceOffset()));
            }
        }
        return batch;
    }

    void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

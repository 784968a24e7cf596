package dev.ferry.jdbc.sink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A {@link SinkTaskContext} for driving a real {@link JdbcSinkTask} without a worker: it records the back-off the
 * task asks for and, when made with {@link #withReporter()}, the records the task reports as errant (what a worker
 * with {@code errors.tolerance=all} would send to its dead letter queue).
 */
final class RecordingContext implements SinkTaskContext {
    final List<SinkRecord> reported = new ArrayList<>();
    final List<Throwable> reasons = new ArrayList<>();
    final List<Long> timeouts = new ArrayList<>();
    private final boolean reporter;

    private RecordingContext(boolean reporter) {
        this.reporter = reporter;
    }

    static RecordingContext withReporter() {
        return new RecordingContext(true);
    }

    static RecordingContext withoutReporter() {
        return new RecordingContext(false);
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!reporter) {
            return null;
        }
        return new ErrantRecordReporter() {
            @Override
            public Future<Void> report(SinkRecord record, Throwable error) {
                reported.add(record);
                reasons.add(error);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
        timeouts.add(timeoutMs);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return new HashSet<>();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null;
    }
}

package dev.ferry.runtime.task.sink;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a sink task can ask of the runtime: rewind offsets, shorten the next poll, pause and resume
 * its partitions, request a commit, report errant records. Requests that touch the consumer are
 * applied by the {@link SinkTaskRunner} on its next iteration, except pause and resume, which take
 * effect at once unless the runtime itself has paused the consumer (paused connector, or
 * redelivery after a retriable failure); then they are remembered and applied on resumption.
 *
 * <p>Thread contract: like the consumer it wraps, to be used from the task thread only, i.e. from
 * within the task's {@code start}, {@code put}, {@code open}, {@code close} and {@code preCommit}.
 */
final class RunnerSinkTaskContext implements SinkTaskContext {
    private final Map<String, String> config;
    private final Consumer<byte[], byte[]> consumer;
    private final SinkTaskRunner runner;
    private final ErrantRecordReporter errantRecordReporter;
    private final PluginMetrics metrics;
    private final Map<TopicPartition, Long> rewinds = new HashMap<>();
    private final Set<TopicPartition> pausedByTask = new HashSet<>();
    private long timeoutMs = -1;
    private boolean commitRequested;

    RunnerSinkTaskContext(Map<String, String> config, Consumer<byte[], byte[]> consumer, SinkTaskRunner runner,
                          ErrantRecordReporter errantRecordReporter, PluginMetrics metrics) {
        this.config = Map.copyOf(config);
        this.consumer = consumer;
        this.runner = runner;
        this.errantRecordReporter = errantRecordReporter;
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
        return config;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition partition, long offset) {
        rewinds.put(partition, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    @Override
    public void pause(TopicPartition... partitions) {
        List<TopicPartition> requested = Arrays.asList(partitions);
        checkAssigned(requested, "pause");
        pausedByTask.addAll(requested);
        if (!runner.consumerPausedByRuntime()) {
            consumer.pause(requested);
        }
    }

    @Override
    public void resume(TopicPartition... partitions) {
        List<TopicPartition> requested = Arrays.asList(partitions);
        checkAssigned(requested, "resume");
        requested.forEach(pausedByTask::remove);
        if (!runner.consumerPausedByRuntime()) {
            consumer.resume(requested);
        }
    }

    @Override
    public void requestCommit() {
        commitRequested = true;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return errantRecordReporter;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }

    /** Takes the offsets the task asked to rewind to since the last call. */
    Map<TopicPartition, Long> takeRewinds() {
        Map<TopicPartition, Long> taken = new HashMap<>(rewinds);
        rewinds.clear();
        return taken;
    }

    /** Takes the poll timeout the task asked for, or -1; it applies to one poll only. */
    long takeTimeout() {
        long taken = timeoutMs;
        timeoutMs = -1;
        return taken;
    }

    boolean isCommitRequested() {
        return commitRequested;
    }

    void clearCommitRequest() {
        commitRequested = false;
    }

    /** Partitions the task paused itself; they stay paused when the runtime resumes the consumer. */
    Set<TopicPartition> pausedByTask() {
        return pausedByTask;
    }

    private void checkAssigned(List<TopicPartition> partitions, String action) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : partitions) {
            if (!assigned.contains(partition)) {
                throw new IllegalWorkerStateException("A sink task may only " + action
                        + " partitions assigned to it, but " + partition + " is not in its assignment " + assigned);
            }
        }
    }
}

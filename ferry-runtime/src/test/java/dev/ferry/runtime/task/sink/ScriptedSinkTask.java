package dev.ferry.runtime.task.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A sink task a test scripts: it remembers every value {@code put} accepted and every partition it
 * opened and closed, and runs what the test queued for its next {@code put} or {@code preCommit}
 * (throw, rewind, answer other offsets). Called on the runner's task thread; read from the test's.
 */
class ScriptedSinkTask extends SinkTask {
    /** Values of the records {@code put} accepted, in order. */
    final List<String> accepted = new CopyOnWriteArrayList<>();
    /** Every batch {@code put} was called with (also empty and refused ones), as values. */
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final List<TopicPartition> opened = new CopyOnWriteArrayList<>();
    final List<TopicPartition> closed = new CopyOnWriteArrayList<>();
    final List<Map<TopicPartition, OffsetAndMetadata>> preCommits = new CopyOnWriteArrayList<>();
    volatile boolean stopped;

    /** Run on the next non-empty {@code put} each; may throw to refuse the batch. */
    private final ConcurrentLinkedQueue<Consumer<SinkTaskContext>> onPut = new ConcurrentLinkedQueue<>();
    /** Decides each {@code preCommit} answer while set; may throw. */
    private volatile Function<Map<TopicPartition, OffsetAndMetadata>, Map<TopicPartition, OffsetAndMetadata>> preCommit;

    void onNextPut(Consumer<SinkTaskContext> action) {
        onPut.add(action);
    }

    void answerPreCommit(Function<Map<TopicPartition, OffsetAndMetadata>, Map<TopicPartition, OffsetAndMetadata>> answer) {
        this.preCommit = answer;
    }

    SinkTaskContext context() {
        return context;
    }

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        opened.addAll(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<String> values = new ArrayList<>();
        records.forEach(record -> values.add(String.valueOf(record.value())));
        batches.add(values);
        if (records.isEmpty()) {
            return;
        }
        Consumer<SinkTaskContext> action = onPut.poll();
        if (action != null) {
            action.accept(context);
        }
        accepted.addAll(values);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        preCommits.add(Map.copyOf(currentOffsets));
        var answer = preCommit;
        return answer == null ? super.preCommit(currentOffsets) : answer.apply(currentOffsets);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        closed.addAll(partitions);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String version() {
        return "test";
    }
}

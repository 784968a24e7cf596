package dev.ferry.runtime.task.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.errors.ManualTime;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.OffsetBackingStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.junit.jupiter.api.Test;

class SourceOffsetCommitterTest {
    private static final Map<String, Object> FILE = Map.of("file", "a.txt");

    private final SubmittedRecords submitted = new SubmittedRecords();
    private final RecordingStore store = new RecordingStore();
    private final RecordingTask task = new RecordingTask(store);
    private final SourceOffsetCommitter committer = new SourceOffsetCommitter(new ConnectorTaskId("files", 0),
            submitted, store, task, 1_000, new ManualTime(0));

    @Test
    void commit_storesTheAckedPrefixInApachesFormat_thenCallsTheTasksCommit() {
        submitted.submit(FILE, Map.of("line", 1)).ack();
        submitted.submit(FILE, Map.of("line", 2));

        assertThat(committer.commit()).isTrue();

        assertThat(store.text()).containsExactly(Map.entry("[\"files\",{\"file\":\"a.txt\"}]", "{\"line\":1}"));
        assertThat(task.storedWhenCommitCalled).containsExactly(1);
    }

    @Test
    void failedWrite_keepsTheOffsetsForTheNextCommit_andDoesNotCallTheTasksCommit() {
        submitted.submit(FILE, Map.of("line", 1)).ack();
        store.failNext = true;

        assertThat(committer.commit()).isFalse();
        assertThat(task.storedWhenCommitCalled).isEmpty();

        assertThat(committer.commit()).isTrue();
        assertThat(store.text()).containsExactly(Map.entry("[\"files\",{\"file\":\"a.txt\"}]", "{\"line\":1}"));
        assertThat(committer.failureCount()).isEqualTo(1);
    }

    @Test
    void commitWithNothingNew_stillCallsTheTasksCommit() {
        assertThat(committer.commit()).isTrue();

        assertThat(store.writes).isZero();
        assertThat(task.storedWhenCommitCalled).containsExactly(0);
    }

    /** An offset store in memory that can be told to fail its next write. */
    private static final class RecordingStore implements OffsetBackingStore {
        private final Map<ByteBuffer, ByteBuffer> data = new LinkedHashMap<>();
        private boolean failNext;
        private int writes;

        @Override
        public void start() {
        }

        @Override
        public CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
            return CompletableFuture.completedFuture(Map.of());
        }

        @Override
        public synchronized CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values) {
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            }
            writes++;
            data.putAll(values);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized Map<ByteBuffer, ByteBuffer> snapshot() {
            return Map.copyOf(data);
        }

        @Override
        public void close() {
        }

        synchronized Map<String, String> text() {
            Map<String, String> text = new LinkedHashMap<>();
            data.forEach((k, v) -> text.put(StandardCharsets.UTF_8.decode(k.duplicate()).toString(),
                    StandardCharsets.UTF_8.decode(v.duplicate()).toString()));
            return text;
        }
    }

    /** Notes how many offsets were stored each time the framework called {@code commit()}. */
    private static final class RecordingTask extends SourceTask {
        private final RecordingStore store;
        private final List<Integer> storedWhenCommitCalled = new ArrayList<>();

        RecordingTask(RecordingStore store) {
            this.store = store;
        }

        @Override
        public void commit() {
            storedWhenCommitCalled.add(store.snapshot().size());
        }

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public List<SourceRecord> poll() {
            return null;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "test";
        }
    }
}

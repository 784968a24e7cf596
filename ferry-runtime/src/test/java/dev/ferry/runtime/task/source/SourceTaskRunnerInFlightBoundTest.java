package dev.ferry.runtime.task.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.ErrorHandlingSettings;
import dev.ferry.runtime.errors.ManualTime;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.task.RecordConverters;
import dev.ferry.runtime.task.TransformationChain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on a source task's unacknowledged records: the runner stops polling and sending at
 * the bound, resumes once acknowledgements bring the count down to the resume level, still
 * commits only the acknowledged prefix of offsets, and stops promptly while waiting.
 */
class SourceTaskRunnerInFlightBoundTest {
    private static final ConnectorTaskId ID = new ConnectorTaskId("lines", 0);
    private static final int MAX_IN_FLIGHT = 10;
    private static final int RESUME_AT = 4;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final EndlessTask task = new EndlessTask();
    private final MemoryOffsetStore store = new MemoryOffsetStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SourceTaskRunner runner = new SourceTaskRunner(ID, setup(), TargetState.STARTED,
            new IgnoringListener(), getClass().getClassLoader(), Time.SYSTEM, MAX_IN_FLIGHT, RESUME_AT);
    private final Thread thread = new Thread(runner);

    @AfterEach
    void stopRunner() throws InterruptedException {
        runner.stop();
        runner.awaitStop(10_000);
        thread.join(10_000);
        scheduler.shutdownNow();
    }

    @Test
    void sourceTask_stopsSendingAndPollingAtTheBound_untilAcknowledgementsArrive() {
        thread.start();

        awaitWaitingForAcks();
        assertThat(producer.history()).hasSize(MAX_IN_FLIGHT);
        // Batches of 3: the fourth batch was polled, its last two records wait behind the bound.
        assertThat(task.polled.get()).isEqualTo(12);

        completeSends(MAX_IN_FLIGHT - RESUME_AT - 1);
        awaitWaitingForAcks();
        assertThat(producer.history()).hasSize(MAX_IN_FLIGHT);
        assertThat(task.polled.get()).isEqualTo(12);
    }

    @Test
    void sourceTask_resumesWhenAcknowledgementsReachTheResumeLevel_andNeverExceedsTheBound() {
        thread.start();
        awaitWaitingForAcks();

        completeSends(MAX_IN_FLIGHT - RESUME_AT);
        await(() -> producer.history().size() == 2 * MAX_IN_FLIGHT - RESUME_AT, "the runner to refill to the bound");
        awaitWaitingForAcks();

        assertThat(producer.history()).hasSize(2 * MAX_IN_FLIGHT - RESUME_AT);
        assertThat(task.polled.get()).isEqualTo(18);
    }

    @Test
    void stop_endsAWaitForAcknowledgements_andCommitsOnlyTheAcknowledgedPrefix() {
        thread.start();
        awaitWaitingForAcks();
        completeSends(3);

        runner.stop();

        assertThat(runner.awaitStop(10_000)).isTrue();
        assertThat(task.stopped).isTrue();
        assertThat(store.text()).containsExactly(
                Map.entry("[\"lines\",{\"file\":\"in.txt\"}]", "{\"line\":3}"));
    }

    private void completeSends(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(producer.completeNext()).isTrue();
        }
    }

    /** Waits until the task thread blocks waiting for acknowledgements (it has no other timed wait here). */
    private void awaitWaitingForAcks() {
        await(() -> thread.getState() == Thread.State.TIMED_WAITING, "the task thread to wait for acknowledgements");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private SourceTaskSetup setup() {
        ErrorHandlingSettings settings = new ErrorHandlingSettings(false, 0, 60_000, false, false, "", (short) 1,
                false);
        ErrorHandler errors = new ErrorHandler(ID, settings, List.of(), new ManualTime(0));
        StringConverter key = new StringConverter();
        key.configure(Map.of(), true);
        StringConverter value = new StringConverter();
        value.configure(Map.of(), false);
        SimpleHeaderConverter header = new SimpleHeaderConverter();
        header.configure(Map.of());
        SourceRecordPipeline pipeline = new SourceRecordPipeline(TransformationChain.empty(),
                new RecordConverters(key, value, header), errors);
        return new SourceTaskSetup(task, Map.of(), pipeline, errors, producer, null, List.of(), store, scheduler,
                60_000, 100, false, null);
    }

    /** Returns three numbered lines of one file on every poll, for ever. */
    private static final class EndlessTask extends SourceTask {
        final AtomicInteger polled = new AtomicInteger();
        volatile boolean stopped;

        @Override
        public void start(Map<String, String> props) {
        }

        @Override
        public List<SourceRecord> poll() {
            List<SourceRecord> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int line = polled.incrementAndGet();
                batch.add(new SourceRecord(Map.of("file", "in.txt"), Map.of("line", line), "t", 0,
                        Schema.STRING_SCHEMA, "line " + line));
            }
            return batch;
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

    private static final class MemoryOffsetStore implements OffsetBackingStore {
        private final Map<ByteBuffer, ByteBuffer> data = new LinkedHashMap<>();

        @Override
        public void start() {
        }

        @Override
        public CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
            return CompletableFuture.completedFuture(Map.of());
        }

        @Override
        public synchronized CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values) {
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

    private static final class IgnoringListener implements StatusListener {
        @Override
        public void connectorState(String connector, State state, Throwable cause) {
        }

        @Override
        public void taskState(ConnectorTaskId task, State state, Throwable cause) {
        }

        @Override
        public void topicUsed(ConnectorTaskId task, String topic) {
        }

        @Override
        public void taskReconfigurationRequested(String connector) {
        }
    }
}

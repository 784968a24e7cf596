package dev.ferry.runtime.task.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.ErrorHandlingSettings;
import dev.ferry.runtime.errors.JumpingClock;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.task.RecordConverters;
import dev.ferry.runtime.task.TransformationChain;
import dev.ferry.runtime.task.fixtures.StrictNumberConverter;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What a {@link SinkTaskRunner} promises a sink task and its connector's consumer group, against a
 * real broker: records reach {@code put} in order and their offsets are committed every flush
 * interval and on stop; a paused connector consumes nothing; a retriable failure redelivers the
 * same batch; a partition the task paused stays paused when the runtime resumes the consumer;
 * errors.tolerance decides whether a record that cannot be converted is skipped or
 * fails the task; the task's rewinds and a failed {@code preCommit} seek the consumer back.
 */
@WithKafka
class SinkTaskRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long FLUSH_INTERVAL_MS = 200;

    private KafkaBroker broker;
    private Admin admin;
    private String topic;
    private TopicPartition partition;
    private ConnectorTaskId id;
    private final Statuses statuses = new Statuses();
    private final ScriptedSinkTask task = new ScriptedSinkTask();
    private final List<SinkTaskRunner> running = new ArrayList<>();
    private final JumpingClock clock = new JumpingClock();

    @BeforeEach
    void createTopic(KafkaBroker broker, TestInfo test) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
        String name = "sink-runner-" + test.getTestMethod().orElseThrow().getName().toLowerCase().replace('_', '-');
        topic = name;
        partition = new TopicPartition(topic, 0);
        id = new ConnectorTaskId(name, 0);
        broker.createTopic(topic, 1);
    }

    @AfterEach
    void stopRunners() {
        for (SinkTaskRunner runner : running) {
            runner.stop();
            runner.awaitStop(10_000);
        }
        admin.close();
    }

    @Test
    void records_arePutInOrder_andTheirOffsetsCommittedEachFlushInterval() {
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);
        produce("a", "b", "c");

        await(() -> task.accepted.equals(List.of("a", "b", "c")), () -> "the three records, got " + task.accepted);
        await(() -> committedOffset() == 3L, () -> "offset 3 to be committed, is " + committedOffset());
        assertThat(task.opened).containsExactly(partition);
        assertThat(statuses.of(id)).startsWith(State.RUNNING);

        produce("d");
        await(() -> committedOffset() == 4L, () -> "offset 4 to be committed, is " + committedOffset());
        assertThat(task.accepted).containsExactly("a", "b", "c", "d");
    }

    @Test
    void stop_commitsWhatWasPut_closesThePartitions_andStopsTheTask() {
        SinkTaskRunner runner = start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, 60_000);
        produce("a", "b");
        await(() -> task.accepted.size() == 2, () -> "two records, got " + task.accepted);
        assertThat(committedOffset()).as("no commit before the long flush interval").isEqualTo(-1L);

        runner.stop();
        assertThat(runner.awaitStop(10_000)).isTrue();

        assertThat(committedOffset()).isEqualTo(2L);
        assertThat(task.closed).containsExactly(partition);
        assertThat(task.stopped).isTrue();
        assertThat(statuses.of(id)).containsExactly(State.RUNNING, State.UNASSIGNED);
    }

    @Test
    void putThrowingAfterTheTaskIsAskedToStop_endsItUnassigned_andCommitsNothingItDidNotTake() throws Exception {
        CountDownLatch inPut = new CountDownLatch(1);
        CountDownLatch stopAsked = new CountDownLatch(1);
        task.onNextPut(context -> {
            inPut.countDown();
            awaitQuietly(stopAsked);
            // As a sink whose connection the stopping runtime closed under it.
            throw new ConnectException("the connection was closed under the task");
        });
        SinkTaskRunner runner = start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, 60_000);
        produce("taken-by-no-one");
        assertThat(inPut.await(30, TimeUnit.SECONDS)).isTrue();

        runner.stop();
        stopAsked.countDown();
        assertThat(runner.awaitStop(10_000)).isTrue();

        assertThat(statuses.of(id)).as("as Apache: a task asked to stop is UNASSIGNED however it ends")
                .containsExactly(State.RUNNING, State.UNASSIGNED);
        assertThat(task.accepted).isEmpty();
        assertThat(committedOffset()).as("the refused record is read again by the next instance").isEqualTo(-1L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void pausedConnector_consumesNothing_andResumingDeliversWhatArrivedMeanwhile() throws Exception {
        SinkTaskRunner runner = start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED,
                FLUSH_INTERVAL_MS);
        produce("before");
        await(() -> task.accepted.equals(List.of("before")), () -> "the first record, got " + task.accepted);

        runner.transitionTo(TargetState.PAUSED);
        await(() -> statuses.of(id).contains(State.PAUSED), () -> "PAUSED, got " + statuses.of(id));
        produce("while-paused");
        Thread.sleep(1_000);
        assertThat(task.accepted).containsExactly("before");

        runner.transitionTo(TargetState.STARTED);
        await(() -> task.accepted.equals(List.of("before", "while-paused")), () -> "both records, got " + task.accepted);
        assertThat(statuses.of(id)).containsExactly(State.RUNNING, State.PAUSED, State.RUNNING);
    }

    @Test
    void partitionTheTaskPaused_staysPaused_whenTheRuntimeResumesTheConsumer() throws Exception {
        topic = topic + "-two";
        broker.createTopic(topic, 2);
        TopicPartition second = new TopicPartition(topic, 1);
        task.onNextPut(context -> context.pause(second));
        SinkTaskRunner runner = start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED,
                FLUSH_INTERVAL_MS);
        produce(0, "first");
        await(() -> task.accepted.equals(List.of("first")), () -> "the first record, got " + task.accepted);

        produce(1, "held-back");
        produce(0, "second");
        await(() -> task.accepted.contains("second"), () -> "the second record, got " + task.accepted);
        runner.transitionTo(TargetState.PAUSED);
        await(() -> statuses.of(id).contains(State.PAUSED), () -> "PAUSED, got " + statuses.of(id));
        runner.transitionTo(TargetState.STARTED);
        await(() -> statuses.of(id).size() == 3, () -> "RUNNING again, got " + statuses.of(id));
        produce(0, "third");
        await(() -> task.accepted.contains("third"), () -> "the third record, got " + task.accepted);
        Thread.sleep(500);

        assertThat(task.accepted).containsExactly("first", "second", "third");
    }

    @Test
    void retriableFailureOfPut_redeliversTheSameBatch_untilTheTaskTakesIt() {
        task.onNextPut(context -> {
            throw new RetriableException("not ready (1)");
        });
        task.onNextPut(context -> {
            throw new RetriableException("not ready (2)");
        });
        produce("0", "1", "2", "3", "4");
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);

        await(() -> task.accepted.size() == 5, () -> "all five records, got " + task.accepted);
        assertThat(task.accepted).containsExactly("0", "1", "2", "3", "4");
        List<List<String>> offered = task.batches.stream().filter(batch -> !batch.isEmpty()).toList();
        assertThat(offered.get(1)).as("the refused batch, offered again").isEqualTo(offered.get(0));
        assertThat(offered.get(2)).isEqualTo(offered.get(0));
        await(() -> committedOffset() == 5L, () -> "offset 5 to be committed, is " + committedOffset());
        assertThat(statuses.of(id)).containsExactly(State.RUNNING);
    }

    @Test
    void otherFailureOfPut_failsTheTask_evenWhenErrorsAreTolerated() {
        task.onNextPut(context -> {
            throw new IllegalStateException("the sink's database is gone");
        });
        start(tolerateAll(), stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);
        produce("a");

        await(() -> statuses.of(id).contains(State.FAILED), () -> "FAILED, got " + statuses.of(id));
        assertThat(statuses.failure(id)).isInstanceOf(ConnectException.class)
                .hasMessage("Exiting WorkerSinkTask due to unrecoverable exception.")
                .hasRootCauseMessage("the sink's database is gone");
        assertThat(committedOffset()).isEqualTo(-1L);
    }

    @Test
    void recordThatCannotBeConverted_isSkippedAndCommittedPast_whenErrorsAreTolerated() {
        produce("1", "not a number", "3");
        start(tolerateAll(), new StrictNumberConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);

        await(() -> task.accepted.equals(List.of("1", "3")), () -> "the two numbers, got " + task.accepted);
        await(() -> committedOffset() == 3L, () -> "offset 3 to be committed, is " + committedOffset());
        assertThat(statuses.of(id)).containsExactly(State.RUNNING);
    }

    @Test
    void recordThatCannotBeConverted_failsTheTask_whenErrorsAreNotTolerated() {
        produce("1", "not a number", "3");
        start(ErrorHandlingSettings.DEFAULTS, new StrictNumberConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);

        await(() -> statuses.of(id).contains(State.FAILED), () -> "FAILED, got " + statuses.of(id));
        assertThat(statuses.failure(id)).hasMessageContaining("Tolerance exceeded in error handler");
        assertThat(task.accepted).doesNotContain("3");
    }

    @Test
    void rewindRequestedByTheTask_redeliversFromThatOffset() {
        produce("0", "1", "2");
        task.onNextPut(context -> context.offset(partition, 1));
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);

        await(() -> task.accepted.size() >= 5, () -> "the records and the rewound ones, got " + task.accepted);
        assertThat(task.accepted).containsExactly("0", "1", "2", "1", "2");
        await(() -> committedOffset() == 3L, () -> "offset 3 to be committed, is " + committedOffset());
    }

    @Test
    void failedPreCommit_rewindsToTheLastCommittedOffset_soNothingIsLost() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        task.answerPreCommit(offsets -> {
            OffsetAndMetadata offered = offsets.get(partition);
            if (offered != null && offered.offset() == 3 && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("flush failed");
            }
            return offsets;
        });
        produce("0", "1", "2");
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);

        await(() -> task.accepted.size() >= 6, () -> "the records twice, got " + task.accepted);
        assertThat(task.accepted).containsExactly("0", "1", "2", "0", "1", "2");
        await(() -> committedOffset() == 3L, () -> "offset 3 to be committed, is " + committedOffset());
        assertThat(statuses.of(id)).containsExactly(State.RUNNING);
    }

    @Test
    void preCommitAnsweringNoOffsets_meansTheTaskManagesThem_soNothingIsCommitted() throws Exception {
        task.answerPreCommit(offsets -> Map.of());
        SinkTaskRunner runner = start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED,
                FLUSH_INTERVAL_MS);
        produce("a", "b");
        await(() -> task.accepted.size() == 2, () -> "two records, got " + task.accepted);
        await(() -> task.preCommits.stream().anyMatch(o -> o.get(partition).offset() == 2),
                () -> "offset 2 offered to preCommit, offered " + task.preCommits);

        runner.stop();
        runner.awaitStop(10_000);
        assertThat(committedOffset()).isEqualTo(-1L);
    }

    @Test
    void commitRequestedByTheTask_isMadeBeforeTheFlushInterval() {
        task.onNextPut(context -> context.requestCommit());
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, 60_000);
        produce("a");

        await(() -> committedOffset() == 1L, () -> "offset 1 to be committed, is " + committedOffset());
    }

    /**
     * Fault catalogue: the worker's wall clock is set back an hour (NTP, a resumed VM). Commits
     * are timed on the monotonic clock, so they go on every flush interval; timed on the wall
     * clock, the next one waited an hour and a crash meanwhile redelivered an hour of records.
     */
    @Test
    void wallClockSetBackAnHour_doesNotHoldBackTheNextCommit() {
        start(ErrorHandlingSettings.DEFAULTS, stringConverter(), TargetState.STARTED, FLUSH_INTERVAL_MS);
        produce("a");
        await(() -> committedOffset() == 1L, () -> "offset 1 to be committed, is " + committedOffset());

        clock.jump(-3_600_000);
        produce("b");
        await(() -> committedOffset() == 2L, () -> "offset 2 to be committed, is " + committedOffset());

        clock.jump(7_200_000);
        produce("c");
        await(() -> committedOffset() == 3L, () -> "offset 3 to be committed, is " + committedOffset());
        assertThat(task.accepted).containsExactly("a", "b", "c");
    }

    private SinkTaskRunner start(ErrorHandlingSettings errorSettings, Converter valueConverter, TargetState state,
                                 long flushIntervalMs) {
        Map<String, Object> consumerConfig = broker.consumerConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-" + id.connector());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
        ErrorHandler errors = new ErrorHandler(id, errorSettings, List.of(), Time.SYSTEM);
        StringConverter key = stringConverter();
        key.configure(Map.of(), true);
        valueConverter.configure(Map.of(), false);
        SimpleHeaderConverter headers = new SimpleHeaderConverter();
        headers.configure(Map.of());
        SinkRecordPipeline pipeline = new SinkRecordPipeline(TransformationChain.empty(),
                new RecordConverters(key, valueConverter, headers), errors);
        SinkTaskSetup setup = new SinkTaskSetup(task, Map.of("topics", topic), pipeline, errors, consumer,
                flushIntervalMs, 5_000, false, null);
        SinkTaskRunner runner = new SinkTaskRunner(id, setup, state, statuses, getClass().getClassLoader(), clock);
        running.add(runner);
        Thread thread = new Thread(runner, "test-" + id);
        thread.setDaemon(true);
        thread.start();
        return runner;
    }

    private static StringConverter stringConverter() {
        return new StringConverter();
    }

    private static ErrorHandlingSettings tolerateAll() {
        return new ErrorHandlingSettings(true, 0, 60_000, false, false, "", (short) 1, false);
    }

    private void produce(String... values) {
        produce(0, values);
    }

    private void produce(int partitionNumber, String... values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, partitionNumber, null, value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** The group's committed offset of the partition, or -1 when none. */
    private long committedOffset() {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("connect-" + id.connector())
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Supplier<String> waitingFor) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + waitingFor.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The states each task reported, in order, and its last failure. */
    private static final class Statuses implements StatusListener {
        private final List<Map.Entry<ConnectorTaskId, State>> states = new CopyOnWriteArrayList<>();
        private volatile Throwable failure;

        List<State> of(ConnectorTaskId task) {
            return states.stream().filter(e -> e.getKey().equals(task)).map(Map.Entry::getValue).toList();
        }

        Throwable failure(ConnectorTaskId task) {
            return failure;
        }

        @Override
        public void connectorState(String connector, State state, Throwable cause) {
        }

        @Override
        public void taskState(ConnectorTaskId task, State state, Throwable cause) {
            states.add(Map.entry(task, state));
            if (cause != null) {
                failure = cause;
            }
        }

        @Override
        public void topicUsed(ConnectorTaskId task, String topic) {
        }

        @Override
        public void taskReconfigurationRequested(String connector) {
        }
    }
}

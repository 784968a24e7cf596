package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.MisbehavingSinkConnector;
import dev.ferry.runtime.worker.fixtures.MisbehavingSourceConnector;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Fault catalogue, plugin faults: plugins (in an isolated class loader, as third-party ones are) that hang in a
 * method, leak a thread, or throw a real {@link Error}, against a worker on a real broker. A hung task is given up
 * after {@code task.shutdown.graceful.timeout.ms} and reported FAILED with the call it is stuck in and the fix; a
 * leaked thread is named when its task stops; an Error fails only the instance that threw it, and the worker goes on
 * running other tasks.
 */
@WithKafka
class MisbehavingPluginsTest {
    /** The stop budget; short, so a hang costs the suite half a second. */
    private static final long GRACEFUL_MS = 500;

    @TempDir
    static Path dir;
    static KafkaBroker broker;
    static RecordingStatusListener listener;
    static FileOffsetBackingStore offsets;
    static Worker worker;
    /** Created at the end: every hung fixture returns and every leaked thread ends. */
    static Path release;

    @BeforeAll
    static void startWorker(KafkaBroker kafka) {
        broker = kafka;
        release = dir.resolve("release");
        listener = new RecordingStatusListener();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        worker = newWorker(listener);
    }

    @AfterAll
    static void stopWorker() throws IOException {
        Files.writeString(release, "");
        worker.close();
        offsets.close();
    }

    @ParameterizedTest(name = "{0} task stuck in {1}()")
    @CsvSource({"source, poll", "source, stop", "source, start", "sink, put", "sink, flush", "sink, stop",
            "sink, start"})
    void aTaskStuckInAPluginMethod_isGivenUpWithinTheBound_andReportedFailedNamingTheMethodAndTheFix(
            String kind, String method) {
        String name = kind + "-stuck-in-" + method;
        Map<String, String> config = misbehaving(kind, name, method, "hang");
        if (method.equals("flush")) {
            produce(name, "one record, so that there is an offset to commit");
        }
        ConnectorTaskId task = startConnectorAndTask(name, config);
        if (method.equals("stop")) {
            listener.awaitTask(task, State.RUNNING); // it hangs once asked to stop
        } else {
            Await.until(() -> Files.exists(Path.of(release + "." + name + ".in-" + method)), Duration.ofSeconds(30),
                    () -> "the task to hang in " + method + "()");
        }
        ListAppender<ILoggingEvent> logged = capture(Worker.class);

        long startedNs = System.nanoTime();
        worker.stopAndAwaitTasks(List.of(task));
        worker.stopAndAwaitConnector(name);
        long tookMs = (System.nanoTime() - startedNs) / 1_000_000;

        assertThat(tookMs).as("stopping the connector and its hung task").isLessThan(GRACEFUL_MS + 2_000);
        assertThat(worker.taskIds()).doesNotContain(task);
        String className = "dev.ferry.runtime.worker.fixtures.Misbehaving" + (kind.equals("sink") ? "Sink" : "Source")
                + "Task";
        String expected = "Task " + task + " did not stop within task.shutdown.graceful.timeout.ms=" + GRACEFUL_MS
                + " ms: its thread task-thread-" + name + "-0 is still in " + className + "." + method + "()";
        assertThat(listener.taskFailure(task)).as("the status trace").isInstanceOf(ConnectException.class)
                .hasMessageStartingWith(expected)
                .hasMessageContaining("Fix the plugin so that " + method + "()")
                .hasMessageEndingWith("or raise task.shutdown.graceful.timeout.ms if it needs longer to stop cleanly.");
        assertThat(trace(listener.taskFailure(task))).as("the trace is the stuck thread's stack")
                .contains(className + "." + method + "(");
        assertThat(listener.task(task)).isEqualTo(State.FAILED);
        assertThat(messages(logged)).anySatisfy(line -> assertThat(line)
                .startsWith("Graceful stop of task " + task + " failed. " + expected));
    }

    @Test
    void aConnectorStuckInStop_isGivenUpWithinTheBound_andTheLogNamesTheMethod() {
        String name = "connector-stuck-in-stop";
        worker.startConnector(name, misbehaving("source", name, "connector.stop", "hang"), TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        ListAppender<ILoggingEvent> logged = capture(ConnectorRunner.class);

        long startedNs = System.nanoTime();
        worker.stopAndAwaitConnector(name);

        assertThat((System.nanoTime() - startedNs) / 1_000_000).isLessThan(GRACEFUL_MS + 2_000);
        assertThat(worker.connectorNames()).doesNotContain(name);
        assertThat(messages(logged)).anySatisfy(line -> assertThat(line).contains("Connector " + name
                + " did not stop within task.shutdown.graceful.timeout.ms=" + GRACEFUL_MS + " ms: its thread connector-thread-"
                + name + " is still in dev.ferry.runtime.worker.fixtures.MisbehavingSourceConnector.stop()"));
    }

    @Test
    void aThreadATaskStartedAndLeftRunning_isNamedWhenTheTaskStops() {
        String name = "leaky";
        ListAppender<ILoggingEvent> logged = capture(TaskThreads.class);
        ConnectorTaskId task = startConnectorAndTask(name, misbehaving("source", name, "start", "leak"));
        listener.awaitTask(task, State.RUNNING);

        worker.stopAndAwaitTasks(List.of(task));

        Await.until(() -> !messages(logged).isEmpty(), Duration.ofSeconds(10), () -> "a leak warning");
        assertThat(messages(logged)).singleElement().asString().startsWith("Task leaky-0 stopped, but 1 thread it "
                + "started is still alive: 'misbehaving-leak-leaky' (in ").endsWith("). They live until the "
                + "worker exits, and every restart of the task leaks more. Fix the plugin so that its stop() ends the "
                + "threads it started (interrupt them, or shut its executors down and wait for them).");
        worker.stopAndAwaitConnector(name);
    }

    @Test
    void aWellBehavedSourceTask_leavesNoThreadBehind_althoughItStartedTheWorkersSharedCommitThread() {
        // A worker of its own: its offset commit thread starts with this task, on this task's thread.
        RecordingStatusListener own = new RecordingStatusListener();
        Worker fresh = newWorker(own);
        ListAppender<ILoggingEvent> logged = capture(TaskThreads.class);
        try {
            broker.createTopic("well-behaved-out", 1);
            Map<String, String> config = Map.of("name", "well-behaved", "connector.class",
                    CountingSourceConnector.class.getName(), "topic", "well-behaved-out", "records", "5",
                    "tasks.max", "1");
            fresh.startConnector("well-behaved", config, TargetState.STARTED);
            own.awaitConnector("well-behaved", State.RUNNING);
            ConnectorTaskId task = new ConnectorTaskId("well-behaved", 0);
            fresh.startTask(task, config, fresh.connectorTaskConfigs("well-behaved").get(0), TargetState.STARTED);
            own.awaitTask(task, State.RUNNING);
            Await.until(() -> Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("SourceTaskOffsetCommitter-1")), Duration.ofSeconds(10),
                    () -> "the offset commit thread to start");

            fresh.stopAndAwaitTasks(List.of(task));
            sleep(TaskThreads.LEAK_GRACE_MS + 300);

            assertThat(own.task(task)).isEqualTo(State.UNASSIGNED);
            assertThat(messages(logged)).isEmpty();
        } finally {
            fresh.close();
        }
    }

    @ParameterizedTest(name = "{0} task throwing {2} in {1}()")
    @CsvSource({"source, start, StackOverflowError", "source, poll, OutOfMemoryError", "source, poll, LinkageError",
            "sink, put, StackOverflowError", "sink, start, OutOfMemoryError", "sink, put, LinkageError"})
    void aTaskThrowingAnError_isFailedWithIt_andTheWorkerRunsOtherTasksOn(String kind, String method, String error) {
        String name = kind + "-" + method + "-" + error;
        ConnectorTaskId task = startConnectorAndTask(name, misbehaving(kind, name, method, error));

        listener.awaitTask(task, State.FAILED);
        String trace = trace(listener.taskFailure(task));
        assertThat(trace).contains("java.lang." + error);
        if (error.equals("LinkageError")) {
            // The JVM's own Errors may come without the frames that matter: a StackOverflowError keeps only the
            // innermost 1,024 (the recursion), and a repeated OutOfMemoryError none at all.
            assertThat(trace).contains("fixtures.Misbehaving" + (kind.equals("sink") ? "Sink" : "Source") + "Task."
                    + method + "(");
        }

        String healthy = name + "-healthy";
        ConnectorTaskId other = startConnectorAndTask(healthy, misbehaving(kind, healthy, "none", "hang"));
        listener.awaitTask(other, State.RUNNING);
        // Not asserted: that the healthy one then stops within the test's 500 ms budget. A sink's consumer that is
        // still joining its group can take longer to close, and is then reported as stuck in KafkaConsumer.close().
        worker.stopAndAwaitTasks(List.of(task, other));
        worker.stopAndAwaitConnector(name);
        worker.stopAndAwaitConnector(healthy);
    }

    @ParameterizedTest(name = "connector throwing {1} in {0}()")
    @CsvSource({"connector.start, StackOverflowError", "connector.start, OutOfMemoryError",
            "taskConfigs, StackOverflowError", "taskConfigs, OutOfMemoryError"})
    void aConnectorThrowingAnError_isFailedWithIt_andTheHerdersCallGetsAConnectException(String method, String error) {
        String name = "connector-" + method.replace('.', '-') + "-" + error;
        worker.startConnector(name, misbehaving("source", name, method, error), TargetState.STARTED);

        if (method.equals("taskConfigs")) {
            listener.awaitConnector(name, State.RUNNING);
            // called on the herder's thread: the Error must not end it
            assertThatThrownBy(() -> worker.connectorTaskConfigs(name)).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("java.lang." + error);
        }
        listener.awaitConnector(name, State.FAILED);
        assertThat(trace(listener.connectorFailure(name))).contains("java.lang." + error);
        worker.stopAndAwaitConnector(name);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Worker newWorker(RecordingStatusListener statuses) {
        Plugins plugins = FixturePluginDirectory.plugins();
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        props.put("task.shutdown.graceful.timeout.ms", Long.toString(GRACEFUL_MS));
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        return new Worker("test-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), statuses, Time.SYSTEM);
    }

    private static Map<String, String> misbehaving(String kind, String name, String method, String how) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", (kind.equals("sink") ? MisbehavingSinkConnector.class
                : MisbehavingSourceConnector.class).getName());
        config.put("tasks.max", "1");
        config.put("misbehave.in", method);
        config.put("misbehave.how", how);
        config.put("release", release.toString());
        if (kind.equals("sink")) {
            broker.createTopic(name, 1);
            config.put("topics", name);
        }
        return config;
    }

    private static ConnectorTaskId startConnectorAndTask(String name, Map<String, String> config) {
        worker.startConnector(name, config, TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId(name, 0);
        worker.startTask(task, config, worker.connectorTaskConfigs(name).get(0), TargetState.STARTED);
        return task;
    }

    private static void produce(String topic, String value) {
        Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value));
        }
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> loggerOf) {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(loggerOf)).addAppender(logged);
        return logged;
    }

    private static List<String> messages(ListAppender<ILoggingEvent> logged) {
        return List.copyOf(logged.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String trace(Throwable t) {
        assertThat(t).as("the failure reported with the status").isNotNull();
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

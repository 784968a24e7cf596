package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.LineFileSinkConnector;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker running a source and a sink connector against a real broker publishes the MBeans
 * Apache Connect 4.x publishes under {@code kafka.connect}, with the same names and attributes
 * (the list is {@code metrics/apache-connect-4.x-mbeans.txt}), and its tasks' clients publish
 * theirs under Apache's client ids.
 */
@WithKafka
class WorkerJmxMetricsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;

    private KafkaBroker broker;
    private RecordingStatusListener listener;
    private FileOffsetBackingStore offsets;
    private ConnectMetrics metrics;
    private Worker worker;

    @BeforeEach
    void startWorker(KafkaBroker broker) {
        this.broker = broker;
        Plugins plugins = FixturePluginDirectory.plugins();
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        listener = new RecordingStatusListener();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        metrics = ConnectMetrics.forWorker("jmx-worker", config, broker.clusterId(), Time.SYSTEM);
        worker = new Worker("jmx-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), listener, Time.SYSTEM, metrics);
    }

    @AfterEach
    void stopWorker() {
        worker.close();
        metrics.close();
        offsets.close();
    }

    @Test
    void sourceAndSinkConnectors_publishApachesMBeansAndAttributes() throws Exception {
        broker.createTopic("jmx-numbers", 1);
        ConnectorTaskId source = start(Map.of("name", "jmx-source",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "jmx-numbers", "records", "20"));
        Path out = dir.resolve("sink.txt");
        ConnectorTaskId sink = start(Map.of("name", "jmx-sink",
                "connector.class", LineFileSinkConnector.class.getName(), "topics", "jmx-numbers",
                "file", out.toString()));
        Await.until(() -> lines(out) == 20, TIMEOUT, () -> "20 lines in the sink's file, but there are " + lines(out));
        Await.until(() -> number("source-task-metrics", source, "source-record-write-total") == 20.0, TIMEOUT,
                () -> "the source task's 20 writes to be counted");
        Await.until(() -> number("sink-task-metrics", sink, "offset-commit-completion-total") >= 1.0, TIMEOUT,
                () -> "the sink task to complete an offset commit");

        Map<String, Set<String>> published = publishedShapes();
        Map<String, Set<String>> expected = expectedShapes();
        for (String shape : List.of("connect-worker-metrics", "connect-worker-metrics,connector",
                "connector-metrics,connector", "connector-task-metrics,connector,task",
                "source-task-metrics,connector,task", "sink-task-metrics,connector,task",
                "task-error-metrics,connector,task", "app-info,id", "kafka-metrics-count")) {
            assertThat(published.get(shape)).as("attributes of MBean %s", shape)
                    .containsExactlyInAnyOrderElementsOf(expected.get(shape));
        }
        assertThat(published).as("a standalone worker does not rebalance").doesNotContainKey(
                "connect-worker-rebalance-metrics");
        assertThat(published.keySet()).as("every published MBean has Apache's shape")
                .allMatch(shape -> expected.containsKey(shape) || shape.startsWith("plugins"));

        assertThat(text("connector-metrics,connector=jmx-source", "status")).isEqualTo("running");
        assertThat(text("connector-metrics,connector=jmx-sink", "connector-type")).isEqualTo("sink");
        assertThat(text("connector-task-metrics,connector=jmx-source,task=0", "status")).isEqualTo("running");
        assertThat(text("connector-task-metrics,connector=jmx-sink,task=0", "task-class"))
                .isEqualTo("dev.ferry.runtime.worker.fixtures.LineFileSinkTask");
        assertThat(number("source-task-metrics", source, "source-record-poll-total")).isEqualTo(20.0);
        assertThat(number("sink-task-metrics", sink, "sink-record-read-total")).isEqualTo(20.0);
        assertThat(number("sink-task-metrics", sink, "partition-count")).isEqualTo(1.0);
        assertThat(attribute("connect-worker-metrics", "task-count")).isEqualTo(2.0);
        assertThat(attribute("connect-worker-metrics", "connector-startup-success-total")).isEqualTo(2.0);
        assertThat(attribute("connect-worker-metrics,connector=jmx-sink", "connector-running-task-count"))
                .isEqualTo(1L);

        assertThat(JMX.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id="
                + "connector-producer-jmx-source-0"), null)).hasSize(1);
        assertThat(JMX.queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,client-id="
                + "connector-consumer-jmx-sink-0"), null)).hasSize(1);
    }

    @Test
    void stoppedTasksAndConnectors_unregisterTheirMBeans() throws Exception {
        broker.createTopic("jmx-stop", 1);
        ConnectorTaskId task = start(Map.of("name", "jmx-stop",
                "connector.class", CountingSourceConnector.class.getName(), "topic", "jmx-stop", "records", "1"));

        worker.stopAndAwaitTasks(List.of(task));
        worker.stopAndAwaitConnector("jmx-stop");

        assertThat(JMX.queryNames(new ObjectName("kafka.connect:connector=jmx-stop,*"), null)).isEmpty();
        assertThat(attribute("connect-worker-metrics", "connector-count")).isEqualTo(0.0);
    }

    @Test
    void aConnectorThatCannotBeBuilt_showsAsFailed_untilItIsStopped() throws Exception {
        worker.startConnector("jmx-broken", Map.of("name", "jmx-broken", "connector.class", "NoSuchConnector"),
                TargetState.STARTED);
        listener.awaitConnector("jmx-broken", State.FAILED);

        assertThat(text("connector-metrics,connector=jmx-broken", "status")).isEqualTo("failed");
        assertThat(text("connector-metrics,connector=jmx-broken", "connector-class")).isEqualTo("NoSuchConnector");

        worker.stopAndAwaitConnector("jmx-broken");
        assertThat(JMX.queryNames(new ObjectName("kafka.connect:connector=jmx-broken,*"), null)).isEmpty();
    }

    private ConnectorTaskId start(Map<String, String> config) {
        String name = config.get("name");
        worker.startConnector(name, config, TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId(name, 0);
        worker.startTask(task, config, worker.connectorTaskConfigs(name).get(0), TargetState.STARTED);
        listener.awaitTaskReached(task, State.RUNNING);
        return task;
    }

    /** Type and tag names of every kafka.connect MBean, with its attribute names. */
    private static Map<String, Set<String>> publishedShapes() throws Exception {
        Map<String, Set<String>> shapes = new TreeMap<>();
        for (ObjectName name : JMX.queryNames(new ObjectName("kafka.connect:*"), null)) {
            StringBuilder shape = new StringBuilder(name.getKeyProperty("type"));
            // Apache's tag order: the order the metric group declares them in.
            for (String tag : List.of("connector", "task", "transform", "predicate", "client-id", "id")) {
                if (name.getKeyProperty(tag) != null) {
                    shape.append(',').append(tag);
                }
            }
            Set<String> attributes = Arrays.stream(JMX.getMBeanInfo(name).getAttributes())
                    .map(MBeanAttributeInfo::getName).collect(Collectors.toCollection(TreeSet::new));
            shapes.merge(shape.toString(), attributes, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return shapes;
    }

    private static Map<String, Set<String>> expectedShapes() throws IOException {
        Map<String, Set<String>> shapes = new TreeMap<>();
        try (InputStream in = WorkerJmxMetricsTest.class.getResourceAsStream("/metrics/apache-connect-4.x-mbeans.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                shapes.put(line.substring(0, colon).trim(),
                        new TreeSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+"))));
            }
        }
        return shapes;
    }

    private static Object attribute(String typeAndTags, String attribute) throws Exception {
        return JMX.getAttribute(new ObjectName("kafka.connect:type=" + typeAndTags), attribute);
    }

    private static String text(String typeAndTags, String attribute) throws Exception {
        return (String) attribute(typeAndTags, attribute);
    }

    private static double number(String type, ConnectorTaskId id, String attribute) {
        try {
            return ((Number) attribute(type + ",connector=" + id.connector() + ",task=" + id.task(), attribute))
                    .doubleValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}

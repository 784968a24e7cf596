package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.task.TaskRunner;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.LineFileSinkConnector;
import dev.ferry.runtime.worker.fixtures.LineFileSinkTask;
import dev.ferry.runtime.worker.fixtures.NumberConverter;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link TaskBuilder} makes of a connector's and a task's configs: the converters the
 * connector names, else the worker's; its transforms with their predicates, as real plugins
 * (Apache's connect-transforms, installed as a bundled plugin); and, when a class is missing or of
 * the wrong kind, an error that names it, with nothing left behind. The runner it builds is run
 * against the test-kit broker to show the pieces are the ones records go through.
 */
@WithKafka
class TaskBuilderTest {
    private static final Path BUNDLED = Path.of("target/test-plugins/bundled");
    private static Plugins plugins;

    @TempDir
    Path dir;

    private KafkaBroker broker;
    private ConnectMetrics connectMetrics;
    private Metrics metrics;
    private FileOffsetBackingStore offsets;
    private ScheduledExecutorService scheduler;
    private RecordingStatusListener listener;
    private TaskBuilder builder;

    @BeforeAll
    static void discoverPlugins() {
        plugins = FixturePluginDirectory.withBundled(List.of(BUNDLED));
    }

    @AfterAll
    static void closePlugins() {
        plugins.close();
    }

    @BeforeEach
    void createBuilder(KafkaBroker broker) {
        this.broker = broker;
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        connectMetrics = ConnectMetrics.forWorker("builder-test", config, broker.clusterId(), Time.SYSTEM);
        metrics = connectMetrics.registry();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        listener = new RecordingStatusListener();
        ConnectorClientConfigOverridePolicy policy = plugins.newOverridePolicy("All");
        policy.configure(config.originals());
        builder = new TaskBuilder(config, plugins, new ClientConfigs(config, policy, broker.clusterId()), offsets,
                scheduler, metrics, new WorkerMetrics(connectMetrics), listener, Time.SYSTEM);
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        offsets.close();
        connectMetrics.close();
    }

    @Test
    void sinkTask_getsTheConnectorsOwnConverter_theWorkersOtherwise_andItsTransformsWithTheirPredicates()
            throws Exception {
        String topic = "builder-orders";
        broker.createTopic(topic, 1);
        broker.createTopic("builder-other", 1);
        Path out = dir.resolve("out.txt");
        ConnectorTaskId id = new ConnectorTaskId("builder-sink", 0);
        Map<String, String> connector = new HashMap<>(Map.of(
                "name", id.connector(),
                "connector.class", LineFileSinkConnector.class.getName(),
                "topics", topic + ",builder-other",
                "file", out.toString(),
                "key.converter", NumberConverter.class.getName(),
                "transforms", "wrap",
                "transforms.wrap.type", "org.apache.kafka.connect.transforms.HoistField$Value",
                "transforms.wrap.field", "line",
                "transforms.wrap.predicate", "isOrders"));
        connector.put("predicates", "isOrders");
        connector.put("predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        connector.put("predicates.isOrders.pattern", "builder-ord.*");

        TaskRunner runner = builder.build(id, connector, sinkTaskConfig(topic + ",builder-other", out),
                TargetState.STARTED);
        Thread thread = new Thread(runner, "builder-sink-task");
        thread.start();
        try {
            assertThat(taskMetric(id, "key-converter-class")).isEqualTo(NumberConverter.class.getName());
            assertThat(taskMetric(id, "value-converter-class"))
                    .isEqualTo("org.apache.kafka.connect.storage.StringConverter");
            assertThat(metricValue("connector-transform-metrics", "transform-class", "transform", "wrap"))
                    .isEqualTo("org.apache.kafka.connect.transforms.HoistField$Value");
            assertThat(metricValue("connector-predicate-metrics", "predicate-class", "predicate", "isOrders"))
                    .isEqualTo("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");

            produce(topic, "42", "abc");
            produce("builder-other", "7", "plain");
            Await.until(() -> Files.exists(out) && Files.readAllLines(out).size() == 2, Duration.ofSeconds(30),
                    () -> "two lines in " + out);
            assertThat(Files.readAllLines(out)).containsExactlyInAnyOrder("Struct{line=abc}", "plain");
        } finally {
            runner.stop();
            assertThat(runner.awaitStop(10_000)).isTrue();
        }
        listener.awaitTask(id, State.UNASSIGNED);
    }

    @Test
    void unknownTaskClass_isNamedInTheError_andTheTaskLeavesNoMetricsBehind() {
        ConnectorTaskId id = new ConnectorTaskId("builder-unknown-task", 0);
        Map<String, String> task = new HashMap<>(sinkTaskConfig("t", dir.resolve("x")));
        task.put("task.class", "com.example.NoSuchTask");

        assertThatThrownBy(() -> builder.build(id, sinkConnector(id), task, TargetState.STARTED))
                .hasMessageContaining("Task class 'com.example.NoSuchTask' of task builder-unknown-task-0 cannot be "
                        + "found by its connector's class loader");
        assertThat(taskMetricNames(id)).isEmpty();
    }

    @Test
    void taskClassOfTheWrongKind_isRefused() {
        ConnectorTaskId id = new ConnectorTaskId("builder-wrong-kind", 0);
        Map<String, String> connector = Map.of("name", id.connector(),
                "connector.class", CountingSourceConnector.class.getName(), "topic", "t");

        assertThatThrownBy(() -> builder.build(id, connector, sinkTaskConfig("t", dir.resolve("x")),
                TargetState.STARTED))
                .hasMessageContaining("does not extend org.apache.kafka.connect.source.SourceTask");
        assertThat(taskMetricNames(id)).isEmpty();
    }

    @Test
    void taskConfigWithoutTaskClass_isRefused() {
        ConnectorTaskId id = new ConnectorTaskId("builder-no-task-class", 0);

        assertThatThrownBy(() -> builder.build(id, sinkConnector(id), Map.of("topics", "t"), TargetState.STARTED))
                .hasMessage("Task builder-no-task-class-0 cannot start: its config has no 'task.class'");
    }

    @Test
    void unknownConverterOrTransform_isNamedInTheError_andNothingIsLeftBehind() {
        ConnectorTaskId converterTask = new ConnectorTaskId("builder-bad-converter", 0);
        Map<String, String> badConverter = new HashMap<>(sinkConnector(converterTask));
        badConverter.put("value.converter", "com.example.NoSuchConverter");
        assertThatThrownBy(() -> builder.build(converterTask, badConverter,
                sinkTaskConfig("t", dir.resolve("x")), TargetState.STARTED))
                .hasMessageContaining("com.example.NoSuchConverter");
        assertThat(taskMetricNames(converterTask)).isEmpty();

        ConnectorTaskId transformTask = new ConnectorTaskId("builder-bad-transform", 0);
        Map<String, String> badTransform = new HashMap<>(sinkConnector(transformTask));
        badTransform.put("transforms", "x");
        badTransform.put("transforms.x.type", "com.example.NoSuchTransform");
        assertThatThrownBy(() -> builder.build(transformTask, badTransform,
                sinkTaskConfig("t", dir.resolve("x")), TargetState.STARTED))
                .hasMessageContaining("com.example.NoSuchTransform");
        assertThat(taskMetricNames(transformTask)).isEmpty();
    }

    private static Map<String, String> sinkConnector(ConnectorTaskId id) {
        return Map.of("name", id.connector(), "connector.class", LineFileSinkConnector.class.getName(),
                "topics", "t");
    }

    private static Map<String, String> sinkTaskConfig(String topics, Path file) {
        return Map.of("task.class", LineFileSinkTask.class.getName(), "topics", topics, "file", file.toString());
    }

    private void produce(String topic, String key, String value) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    private Object taskMetric(ConnectorTaskId id, String name) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("connector-task-metrics") && e.getKey().name().equals(name)
                        && id.connector().equals(e.getKey().tags().get("connector")))
                .map(e -> e.getValue().metricValue()).findFirst().orElse(null);
    }

    private Object metricValue(String group, String name, String tag, String tagValue) {
        return metrics.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name)
                        && tagValue.equals(e.getKey().tags().get(tag)))
                .map(e -> e.getValue().metricValue()).findFirst().orElse(null);
    }

    private List<MetricName> taskMetricNames(ConnectorTaskId id) {
        return metrics.metrics().keySet().stream()
                .filter(name -> id.connector().equals(name.tags().get("connector"))).toList();
    }
}

package dev.ferry.runtime.metrics;

import dev.ferry.runtime.config.WorkerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;

/**
 * The worker's metrics registry: one kafka-clients {@link Metrics} whose JMX reporter publishes
 * under domain {@value #JMX_PREFIX}, exactly as Apache Connect's workers do, so MBean names and
 * attributes match Apache's and existing JMX-exporter rules keep working. The same registry feeds
 * the REST server's {@code /metrics} endpoint.
 *
 * <p>The groups live in their own classes: {@link WorkerMetrics} (worker counts and start-ups),
 * {@link ConnectorMetrics}, {@link TaskMetrics} with its source, sink and error groups, and
 * {@link RebalanceMetrics} (distributed mode); {@link RestartingTasks} is where herders mark the
 * tasks they set to RESTARTING. Sampling follows the worker's
 * {@code metrics.num.samples}, {@code metrics.sample.window.ms} and
 * {@code metrics.recording.level}; {@code metric.reporters} are added as in Apache, and the
 * context labels {@code connect.kafka.cluster.id}, {@code connect.group.id} and
 * {@code metrics.context.*} are passed to them.
 *
 * <p><b>Per-record metrics switch.</b> The metrics a task records on its record path (poll,
 * write, read, send and put counts and times, batch sizes, active counts) can be turned off with
 * the system property {@code -D}{@value #RECORD_METRICS_PROPERTY}{@code =false}. Their MBean
 * attributes stay registered and read zero, so dashboards and the JMX layout do not change; the
 * switch exists to measure what these metrics cost, and it is not meant for production.
 *
 * <p>Thread contract: thread-safe.
 */
public final class ConnectMetrics implements AutoCloseable {
    /** The JMX domain of every Connect metric. */
    public static final String JMX_PREFIX = "kafka.connect";
    /** System property that turns the per-record task metrics off when {@code false}. */
    public static final String RECORD_METRICS_PROPERTY = "ferry.metrics.records";

    private final String workerId;
    private final Metrics metrics;
    private final Time time;
    private final boolean recordMetrics;
    private final RestartingTasks restartingTasks = new RestartingTasks();
    private RebalanceMetrics rebalance;

    private ConnectMetrics(String workerId, Metrics metrics, Time time, boolean recordMetrics) {
        this.workerId = workerId;
        this.metrics = metrics;
        this.time = time;
        this.recordMetrics = recordMetrics;
        AppInfoParser.registerAppInfo(JMX_PREFIX, workerId, metrics, time.milliseconds());
    }

    /**
     * The registry of a worker, with the worker config's sampling settings and metric reporters.
     *
     * @param kafkaClusterId the Kafka cluster's id for the {@code connect.kafka.cluster.id} label; may be null
     *                       while the cluster cannot be reached
     */
    public static ConnectMetrics forWorker(String workerId, WorkerConfig config, String kafkaClusterId, Time time) {
        MetricConfig metricConfig = new MetricConfig()
                .samples(config.getInt(WorkerConfig.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindow(config.getLong(WorkerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
                .recordLevel(Sensor.RecordingLevel.forName(config.getString(WorkerConfig.METRICS_RECORDING_LEVEL_CONFIG)));
        List<MetricsReporter> reporters = CommonClientConfigs.metricsReporters(workerId, config);
        Map<String, Object> labels = new HashMap<>(config.originalsWithPrefix(WorkerConfig.METRICS_CONTEXT_PREFIX));
        if (kafkaClusterId != null) {
            labels.put(WorkerConfig.CONNECT_KAFKA_CLUSTER_ID, kafkaClusterId);
        }
        if (config.groupId() != null) {
            labels.put(WorkerConfig.CONNECT_GROUP_ID, config.groupId());
        }
        Metrics metrics = new Metrics(metricConfig, reporters, time, new KafkaMetricsContext(JMX_PREFIX, labels));
        return new ConnectMetrics(workerId, metrics, time, recordMetricsEnabledByProperty());
    }

    /** A registry with default sampling and only the JMX reporter; for tests and tools. */
    public static ConnectMetrics withDefaults(String workerId, Time time) {
        Metrics metrics = new Metrics(new MetricConfig(), List.of(new org.apache.kafka.common.metrics.JmxReporter()),
                time, new KafkaMetricsContext(JMX_PREFIX));
        return new ConnectMetrics(workerId, metrics, time, recordMetricsEnabledByProperty());
    }

    static boolean recordMetricsEnabledByProperty() {
        return !"false".equalsIgnoreCase(System.getProperty(RECORD_METRICS_PROPERTY, "true").trim());
    }

    /** The worker's id, as in the {@code app-info} MBean and the {@code worker} label of {@code /metrics}. */
    public String workerId() {
        return workerId;
    }

    /** The kafka-clients registry holding every Connect metric of this worker. */
    public Metrics registry() {
        return metrics;
    }

    /** Whether the per-record task metrics are recorded (see {@value #RECORD_METRICS_PROPERTY}). */
    public boolean recordMetricsEnabled() {
        return recordMetrics;
    }

    Time time() {
        return time;
    }

    /**
     * The {@code connect-worker-rebalance-metrics} group, registered on the first call; only
     * distributed workers call this, as only they rebalance.
     */
    public synchronized RebalanceMetrics rebalance() {
        if (rebalance == null) {
            rebalance = new RebalanceMetrics(this);
        }
        return rebalance;
    }

    /**
     * Where the herder marks the tasks it sets to RESTARTING, for the worker's
     * {@code connector-restarting-task-count}.
     */
    public RestartingTasks restartingTasks() {
        return restartingTasks;
    }

    MetricGroup group(String name, String... tagPairs) {
        return new MetricGroup(metrics, name, tagPairs);
    }

    /** Unregisters every metric and MBean of this worker. */
    @Override
    public synchronized void close() {
        if (rebalance != null) {
            rebalance.close();
        }
        AppInfoParser.unregisterAppInfo(JMX_PREFIX, workerId, metrics);
        metrics.close();
    }
}

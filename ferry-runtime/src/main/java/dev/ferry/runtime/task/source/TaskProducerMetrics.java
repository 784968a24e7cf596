package dev.ferry.runtime.task.source;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka.producer} metrics of one source task whose records go through a producer it
 * shares with other tasks, under the names Apache's per-task producer has
 * ({@code type=producer-metrics,client-id=connector-producer-<connector>-<task>}, its
 * {@code producer-topic-metrics} per topic and its {@code app-info}), so dashboards and alerts
 * keyed on a task's client id keep working.
 *
 * <p>What a task does is counted for the task alone: records sent and failed, their sizes, the
 * bytes it sent (estimated as the producer estimates a record), its share of the buffer. What
 * belongs to the connection (request latency, I/O ratios, connection counts, throttling) is the
 * shared client's value, read from it: every task on that client shows the same figure, as every
 * task on one Apache producer would. Created and closed by {@link TaskProducer}.
 *
 * <p>Acknowledgements are tallied and recorded into the sensors in bulk ({@link #flush}), as the
 * producer itself records them once per batch: a sensor recorded for every record (a lock and a
 * clock read each, five per record) cost as much CPU as the sharing saved. So does
 * {@code record-size-avg}/{@code -max}: the producer records a batch's largest record, this the
 * largest since the last flush. The counts are brought up to date whenever the task has nothing in
 * flight, at least every {@value #FLUSH_INTERVAL_MS} ms while records flow, and before
 * {@link #metrics()} answers.
 */
final class TaskProducerMetrics implements AutoCloseable {
    static final String JMX_PREFIX = "kafka.producer";
    private static final String GROUP = "producer-metrics";
    private static final String TOPIC_GROUP = "producer-topic-metrics";
    private static final String APP_INFO_GROUP = "app-info";
    private static final Logger log = LoggerFactory.getLogger(TaskProducerMetrics.class);
    static final long FLUSH_INTERVAL_MS = 100;
    private static final long FLUSH_INTERVAL_NANOS = FLUSH_INTERVAL_MS * 1_000_000;
    /** Acknowledgements between two looks at the clock for the interval flush. */
    private static final int CLOCK_EVERY = 64;

    private final Metrics registry;
    private final String clientId;
    private final Map<String, String> tags;
    private final String prefix;
    private final Sensor sent;
    private final Sensor errors;
    private final Sensor sizes;
    private final Sensor bytes;
    private final Map<String, TopicSensors> topics = new ConcurrentHashMap<>();
    /** The largest record handed over since the last flush. */
    private final AtomicInteger largestPending = new AtomicInteger();
    private final Time time;
    /** The topic of the last acknowledgement: a task mostly writes to one, so the map is rarely asked. */
    private volatile TopicSensors lastTopic;
    private volatile long lastFlushNanos = System.nanoTime();
    private int acknowledgementsSinceClock; // on the completing thread; a lost update only moves a flush

    /**
     * Registers the task's metrics in a registry of its own, reported over JMX as {@code kafka.producer}.
     *
     * @param metricConfig   the shared client's sample window and count
     * @param shared         the shared client's own metrics, mirrored for the connection-level names
     * @param sharedClientId the shared client's id, to find its {@code producer-metrics}
     * @param quotaBytes     the task's {@code buffer.memory}
     * @param outstanding    the bytes of the task's records not yet acknowledged
     */
    TaskProducerMetrics(MetricConfig metricConfig, MetricsContext context, Time time, String clientId,
                        Map<MetricName, ? extends Metric> shared, String sharedClientId, long quotaBytes,
                        LongSupplier outstanding, long nowMs) {
        // A registry per task, tagged with its client id like a producer's own (its kafka-metrics-count
        // too), so closing it removes the task's MBeans at once instead of one attribute at a time.
        this.registry = new Metrics(metricConfig.tags(Map.of("client-id", clientId)), List.of(new JmxReporter()), time, context);
        this.clientId = clientId;
        this.time = time;
        this.tags = Map.of("client-id", clientId);
        this.prefix = "producer-" + clientId + "-";
        this.sent = registry.sensor(prefix + "records-sent");
        sent.add(new Meter(name("record-send-rate", "The average number of records sent per second."),
                name("record-send-total", "The total number of records sent.")));
        this.errors = registry.sensor(prefix + "errors");
        errors.add(new Meter(name("record-error-rate", "The average per-second number of record sends that resulted in errors"),
                name("record-error-total", "The total number of record sends that resulted in errors")));
        this.sizes = registry.sensor(prefix + "record-size");
        sizes.add(name("record-size-avg", "The average record size"), new Avg());
        sizes.add(name("record-size-max", "The maximum record size"), new Max());
        this.bytes = registry.sensor(prefix + "bytes");
        bytes.add(new Meter(name("outgoing-byte-rate", "The number of outgoing bytes sent to all servers per second"),
                name("outgoing-byte-total", "The total number of outgoing bytes sent to all servers")));
        registry.addMetric(name("buffer-total-bytes", "The maximum amount of buffer memory the client can use"),
                (Gauge<Long>) (config, now) -> quotaBytes);
        registry.addMetric(name("buffer-available-bytes", "The total amount of buffer memory that is not being used"),
                (Gauge<Long>) (config, now) -> quotaBytes - outstanding.getAsLong());
        shared.forEach((sharedName, metric) -> {
            if (sharedName.group().equals(GROUP) && sharedClientId.equals(sharedName.tags().get("client-id"))) {
                MetricName own = new MetricName(sharedName.name(), GROUP, sharedName.description(), tags);
                if (registry.metric(own) == null) {
                    registry.addMetric(own, (Gauge<Object>) (config, now) -> metric.metricValue());
                }
            }
        });
        registerAppInfo(nowMs);
    }

    /** A record of {@code size} bytes was handed to the producer. */
    void recordSize(int size) {
        if (size > largestPending.get()) {
            largestPending.accumulateAndGet(size, Math::max);
        }
    }

    /** The broker acknowledged a record of {@code size} bytes written to {@code topic}. */
    void acknowledged(String topic, int size) {
        TopicSensors topicSensors = lastTopic;
        if (topicSensors == null || !topicSensors.topic.equals(topic)) {
            topicSensors = topic(topic);
            lastTopic = topicSensors;
        }
        topicSensors.pendingRecords.incrementAndGet();
        topicSensors.pendingBytes.addAndGet(size);
        if (++acknowledgementsSinceClock >= CLOCK_EVERY) {
            acknowledgementsSinceClock = 0;
            if (System.nanoTime() - lastFlushNanos >= FLUSH_INTERVAL_NANOS) {
                flush();
            }
        }
    }

    /** Records the tallied acknowledgements and record sizes into the sensors. Any thread. */
    void flush() {
        lastFlushNanos = System.nanoTime();
        long now = time.milliseconds();
        long records = 0;
        long byteCount = 0;
        for (TopicSensors topicSensors : topics.values()) {
            long topicRecords = topicSensors.pendingRecords.getAndSet(0);
            long topicBytes = topicSensors.pendingBytes.getAndSet(0);
            if (topicRecords > 0) {
                topicSensors.sent.record(topicRecords, now);
                topicSensors.bytes.record(topicBytes, now);
                records += topicRecords;
                byteCount += topicBytes;
            }
        }
        if (records > 0) {
            sent.record(records, now);
            bytes.record(byteCount, now);
        }
        int largest = largestPending.getAndSet(0);
        if (largest > 0) {
            sizes.record(largest, now);
        }
    }

    /** A record to {@code topic} could not be sent. */
    void failed(String topic) {
        errors.record();
        if (topic != null) {
            topic(topic).errors.record();
        }
    }

    /** The task's metrics, as {@link org.apache.kafka.clients.producer.Producer#metrics()} returns them. */
    Map<MetricName, ? extends Metric> metrics() {
        flush();
        return registry.metrics();
    }

    @Override
    public void close() {
        flush();
        registry.close();
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(appInfoName());
        } catch (JMException e) {
            log.warn("Could not unregister the app-info MBean of producer {}", clientId, e);
        }
    }

    /**
     * The producer's {@code app-info}, as a producer of its own has it: the {@code version},
     * {@code commit-id} and {@code start-time-ms} metrics under the client id, and the
     * {@code kafka.producer:type=app-info,id=<client id>} MBean. (Kafka's AppInfoParser cannot be
     * used: it registers the metrics without the client id, once per registry.)
     */
    private void registerAppInfo(long nowMs) {
        registry.addMetric(new MetricName("version", APP_INFO_GROUP, "Metric indicating version", tags),
                (Gauge<String>) (config, now) -> AppInfoParser.getVersion());
        registry.addMetric(new MetricName("commit-id", APP_INFO_GROUP, "Metric indicating commit-id", tags),
                (Gauge<String>) (config, now) -> AppInfoParser.getCommitId());
        registry.addMetric(new MetricName("start-time-ms", APP_INFO_GROUP, "Metric indicating start-time-ms", tags),
                (Gauge<Long>) (config, now) -> nowMs);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = appInfoName();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new AppInfoParser.AppInfo(nowMs), name);
        } catch (JMException e) {
            log.warn("Could not register the app-info MBean of producer {}", clientId, e);
        }
    }

    private ObjectName appInfoName() throws MalformedObjectNameException {
        return new ObjectName(JMX_PREFIX + ":type=app-info,id=" + Sanitizer.jmxSanitize(clientId));
    }

    private TopicSensors topic(String topic) {
        return topics.computeIfAbsent(topic, this::topicSensors);
    }

    private TopicSensors topicSensors(String topic) {
        Map<String, String> topicTags = new LinkedHashMap<>();
        topicTags.put("client-id", clientId);
        topicTags.put("topic", topic);
        Sensor topicSent = registry.sensor(prefix + topic + "-records-sent");
        topicSent.add(new Meter(topicName("record-send-rate", "The average number of records sent per second for a topic.", topicTags),
                topicName("record-send-total", "The total number of records sent for a topic.", topicTags)));
        Sensor topicBytes = registry.sensor(prefix + topic + "-bytes");
        topicBytes.add(new Meter(topicName("byte-rate", "The average number of bytes sent per second for a topic.", topicTags),
                topicName("byte-total", "The total number of bytes sent for a topic.", topicTags)));
        Sensor topicErrors = registry.sensor(prefix + topic + "-errors");
        topicErrors.add(new Meter(topicName("record-error-rate", "The average per-second number of record sends that resulted in errors for a topic", topicTags),
                topicName("record-error-total", "The total number of record sends that resulted in errors for a topic", topicTags)));
        return new TopicSensors(topic, topicSent, topicBytes, topicErrors, new AtomicLong(), new AtomicLong());
    }

    private MetricName name(String name, String description) {
        return new MetricName(name, GROUP, description, tags);
    }

    private static MetricName topicName(String name, String description, Map<String, String> tags) {
        return new MetricName(name, TOPIC_GROUP, description, tags);
    }

    /** A topic's sensors and the acknowledgements tallied for it since the last flush. */
    private record TopicSensors(String topic, Sensor sent, Sensor bytes, Sensor errors, AtomicLong pendingRecords,
                                AtomicLong pendingBytes) {
    }
}

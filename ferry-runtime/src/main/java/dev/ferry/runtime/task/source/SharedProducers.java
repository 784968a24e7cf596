package dev.ferry.runtime.task.source;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.MetricsContext;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producers of a worker's at-least-once source tasks, one Kafka producer shared by all tasks
 * whose producer settings are the same (apart from the client id), instead of one per task as in
 * Apache: a producer costs an I/O thread and about 200 KB of heap even when idle, most of a task's
 * footprint. Each task gets a {@link TaskProducer}, which keeps what a producer of its own gave it:
 * its own buffer share, failures only through its own records, callbacks that cannot block the
 * others, and its {@code kafka.producer} metrics under {@code connector-producer-<connector>-<task>}.
 *
 * <p>A task keeps a producer of its own (a plain {@link KafkaProducer}, as in Apache) when sharing
 * would change what it gets: a transactional producer (exactly-once support), idempotence turned
 * on (one task's fatal sequence error would stop the others), interceptors or metric reporters
 * (they would see one client instead of the task's), a partitioner (it may be a plugin's class),
 * or a client id set by the user (broker quotas
 * and ACLs keyed on it). The system property {@code ferry.producers.shared=false} turns sharing
 * off altogether; so does anyone who relies on broker-side quotas per task client id, since the
 * shared producer talks to the brokers under its own id ({@code ferry-shared-producer-<n>}).
 *
 * <p>Thread contract: {@link #producerFor} may be called from any thread; a shared producer is
 * closed when its last task closes its {@link TaskProducer}.
 */
public final class SharedProducers {
    /** The system property that turns sharing off when {@code false}. */
    public static final String SHARING_PROPERTY = "ferry.producers.shared";
    private static final Logger log = LoggerFactory.getLogger(SharedProducers.class);
    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private final Function<Map<String, Object>, Producer<byte[], byte[]>> factory;
    private final Time time;
    private final boolean enabled;
    private final Map<Map<String, String>, Shared> byConfig = new HashMap<>(); // guarded by this
    /** Numbers the shared clients JVM-wide: their ids name MBeans and threads, which two workers in one JVM share. */
    private static final AtomicInteger SHARED_COUNT = new AtomicInteger();
    private final ExecutorService callbackPool;

    /** A pool making real Kafka producers; sharing as {@link #SHARING_PROPERTY} says (on by default). */
    public SharedProducers(Time time) {
        this(KafkaProducer::new, time, !"false".equalsIgnoreCase(System.getProperty(SHARING_PROPERTY)));
    }

    SharedProducers(Function<Map<String, Object>, Producer<byte[], byte[]>> factory, Time time, boolean enabled) {
        this.factory = factory;
        this.time = time;
        this.enabled = enabled;
        AtomicInteger threads = new AtomicInteger();
        // In the worker's thread group and with the runtime's class loader: made on whichever
        // thread first runs a callback, they must neither count as a task's leaked threads nor pin
        // that task's plugin loader.
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        ClassLoader loader = SharedProducers.class.getClassLoader();
        // Threads only while callbacks run (idle ones leave after a few seconds); as many as tasks
        // have callbacks running at once, so a task blocked in one never delays another's.
        this.callbackPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(group, r, "ferry-producer-callbacks-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(loader);
                    return thread;
                });
    }

    /**
     * The producer for an at-least-once source task: a {@link TaskProducer} on a shared producer
     * when its settings allow (see the class comment), otherwise a producer of its own.
     *
     * @param props the task's producer settings as {@code ClientConfigs.producer} makes them
     */
    public Producer<byte[], byte[]> producerFor(ConnectorTaskId id, Map<String, Object> props) {
        if (!enabled || !shareable(id, props)) {
            return factory.apply(props);
        }
        Map<String, String> key = sharingKey(props);
        long quota = longSetting(props, ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY);
        long maxBlockMs = longSetting(props, ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000L);
        synchronized (this) {
            Shared shared = byConfig.get(key);
            if (shared == null) {
                shared = open(key, props);
                byConfig.put(key, shared);
            }
            shared.users++;
            try {
                return new TaskProducer(shared, String.valueOf(props.get(ProducerConfig.CLIENT_ID_CONFIG)), quota,
                            maxBlockMs, new OrderedCallbacks(callbackPool, Thread.currentThread().getContextClassLoader()),
                        time.milliseconds());
            } catch (RuntimeException e) {
                shared.users--;
                if (shared.users == 0) {
                    byConfig.remove(key);
                    shared.closeNow(Duration.ZERO);
                }
                throw e;
            }
        }
    }

    /** Whether a task with these producer settings may share a producer (see the class comment). */
    static boolean shareable(ConnectorTaskId id, Map<String, Object> props) {
        return props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) == null
                && "false".equalsIgnoreCase(String.valueOf(props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
                && isBlank(props.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG))
                && props.get(ProducerConfig.PARTITIONER_CLASS_CONFIG) == null
                && !props.containsKey(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG)
                && ("connector-producer-" + id).equals(String.valueOf(props.get(ProducerConfig.CLIENT_ID_CONFIG)));
    }

    private Shared open(Map<String, String> key, Map<String, Object> props) {
        String clientId = "ferry-shared-producer-" + SHARED_COUNT.incrementAndGet();
        Map<String, Object> sharedProps = new HashMap<>(props);
        sharedProps.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // Each task's TaskProducer enforces its own buffer.memory; the shared buffer is only their sum.
        sharedProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(Long.MAX_VALUE));
        // The tasks report the client's metrics under their own ids; the shared client's own MBeans
        // would count every record twice in sums over kafka.producer.
        sharedProps.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        // Made with the runtime's class loader, so its I/O thread pins no plugin's loader (the
        // first task's, current here) for as long as other tasks keep it open.
        Thread current = Thread.currentThread();
        ClassLoader taskLoader = current.getContextClassLoader();
        Producer<byte[], byte[]> producer;
        current.setContextClassLoader(SharedProducers.class.getClassLoader());
        try {
            producer = factory.apply(sharedProps);
        } finally {
            current.setContextClassLoader(taskLoader);
        }
        MetricConfig metricConfig = new MetricConfig()
                .samples((int) longSetting(props, ProducerConfig.METRICS_NUM_SAMPLES_CONFIG, 2))
                .timeWindow(longSetting(props, ProducerConfig.METRICS_SAMPLE_WINDOW_MS_CONFIG, 30_000), TimeUnit.MILLISECONDS);
        log.info("Source tasks with the same producer settings share the producer {}", clientId);
        return new Shared(key, clientId, producer, metricConfig, metricsContext(props));
    }

    private void released(Shared shared, Duration timeout) {
        synchronized (this) {
            shared.users--;
            if (shared.users > 0) {
                return;
            }
            byConfig.remove(shared.key);
        }
        // Outside the lock: closing may wait for the last records, and other tasks may start meanwhile.
        shared.closeNow(timeout);
    }

    private static MetricsContext metricsContext(Map<String, Object> props) {
        Map<String, Object> labels = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(CommonClientConfigs.METRICS_CONTEXT_PREFIX)) {
                labels.put(k.substring(CommonClientConfigs.METRICS_CONTEXT_PREFIX.length()), v);
            }
        });
        return new KafkaMetricsContext(TaskProducerMetrics.JMX_PREFIX, labels);
    }

    private static Map<String, String> sharingKey(Map<String, Object> props) {
        Map<String, String> key = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!k.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                key.put(k, v instanceof Class<?> c ? c.getName() : String.valueOf(v));
            }
        });
        return key;
    }

    private static long longSetting(Map<String, Object> props, String key, long defaultValue) {
        Object value = props.get(key);
        if (value == null) {
            return defaultValue;
        }
        return (Long) ConfigDef.parseType(key, value instanceof String s ? s.trim() : value, ConfigDef.Type.LONG);
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank() || (value instanceof List<?> list && list.isEmpty());
    }

    /** One shared Kafka producer, the metrics settings its tasks' registries take, and how many tasks use it. */
    final class Shared {
        private final Map<String, String> key;
        private final String clientId;
        private final Producer<byte[], byte[]> producer;
        private final MetricConfig metricConfig;
        private final MetricsContext metricsContext;
        private volatile int users; // written under SharedProducers.this

        private Shared(Map<String, String> key, String clientId, Producer<byte[], byte[]> producer,
                       MetricConfig metricConfig, MetricsContext metricsContext) {
            this.key = key;
            this.clientId = clientId;
            this.producer = producer;
            this.metricConfig = metricConfig;
            this.metricsContext = metricsContext;
        }

        Producer<byte[], byte[]> producer() {
            return producer;
        }

        String clientId() {
            return clientId;
        }

        /** A task's producer metrics on this client, in a registry of their own. */
        TaskProducerMetrics taskMetrics(String taskClientId, long quotaBytes, java.util.function.LongSupplier outstanding,
                                        long nowMs) {
            MetricConfig config = new MetricConfig().samples(metricConfig.samples())
                    .timeWindow(metricConfig.timeWindowMs(), TimeUnit.MILLISECONDS);
            return new TaskProducerMetrics(config, metricsContext, time, taskClientId, producer.metrics(), clientId,
                    quotaBytes, outstanding, nowMs);
        }

        /** Whether a single task uses this producer (read on its I/O thread, without the lock). */
        boolean hasOneUser() {
            return users == 1;
        }

        /** A task stopped using this producer; the last one closes it within {@code timeout}. */
        void release(Duration timeout) {
            released(this, timeout);
        }

        private void closeNow(Duration timeout) {
            producer.close(timeout);
        }
    }
}

package dev.ferry.rest.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM's and the process's own metrics for {@code /metrics}, as the Prometheus project's
 * {@code prometheus-metrics-instrumentation-jvm} names them, which is also what JMX exporter 1.x
 * (under both Strimzi's and Confluent's rules) serves: {@code jvm_memory_used_bytes{area}},
 * {@code jvm_memory_max_bytes{area}}, {@code jvm_gc_collection_seconds{gc}} (a summary),
 * {@code jvm_threads_current}, {@code process_cpu_seconds_total}, and the rest of memory pools,
 * buffer pools, classes, JIT compilation, threads, runtime info and process (CPU, memory, file
 * descriptors, start time).
 *
 * <p>Left out: the memory pool allocation counters (they attach a listener to every garbage
 * collection for the life of the JVM) and native memory tracking (off unless the JVM runs with
 * {@code -XX:NativeMemoryTracking}). With {@code ?naming=confluent} the heap and non-heap maxima
 * are also published under the JMX exporter 0.x name {@code jvm_memory_bytes_max}, which
 * Confluent's Kafka Connect dashboard still queries next to the 1.x {@code jvm_memory_used_bytes}.
 *
 * <p>Every series carries the {@code worker} label, as the Kafka series do.
 *
 * <p>Memory: nothing of the instrumentation library is loaded until the first {@code /metrics}
 * request builds the registry, so a worker nobody scrapes pays nothing for it.
 *
 * <p>Thread contract: any thread; the registry is built once and reads the platform MXBeans on
 * every scrape.
 */
final class JvmSnapshot {
    /** The 0.x name of the memory maxima that Confluent's dashboard queries. */
    static final String CONFLUENT_MAX_ALIAS = "jvm_memory_bytes_max";
    private static final String MAX = "jvm_memory_max_bytes";

    private final String workerId;
    private volatile PrometheusRegistry registry;

    /** @param workerId the {@code worker} label every JVM series carries, as the Kafka series do */
    JvmSnapshot(String workerId) {
        this.workerId = workerId;
    }

    /** The JVM families of one scrape in that naming; the first call loads the instrumentation. */
    List<MetricSnapshot> scrape(PrometheusSeries.Naming naming) {
        MetricSnapshots scraped = registry().scrape();
        List<MetricSnapshot> snapshots = new ArrayList<>(scraped.size() + 1);
        for (MetricSnapshot snapshot : scraped) {
            snapshots.add(snapshot);
            if (naming == PrometheusSeries.Naming.CONFLUENT && snapshot instanceof GaugeSnapshot gauge
                    && MAX.equals(gauge.getMetadata().getName())) {
                snapshots.add(new GaugeSnapshot(new MetricMetadata(CONFLUENT_MAX_ALIAS, gauge.getMetadata().getHelp()),
                        gauge.getDataPoints()));
            }
        }
        return snapshots;
    }

    private PrometheusRegistry registry() {
        PrometheusRegistry current = registry;
        if (current == null) {
            synchronized (this) {
                current = registry;
                if (current == null) {
                    current = Instrumentation.registry(Labels.of("worker", workerId));
                    registry = current;
                }
            }
        }
        return current;
    }

    /**
     * The collectors, in a class of their own so that the JVM loads the instrumentation library
     * only when the first scrape calls {@link #registry}, not when {@code /metrics} is routed.
     */
    private static final class Instrumentation {
        static PrometheusRegistry registry(Labels worker) {
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMemoryMetrics.builder().constLabels(worker).register(registry);
            JvmGarbageCollectorMetrics.builder().constLabels(worker).register(registry);
            JvmThreadsMetrics.builder().constLabels(worker).register(registry);
            JvmBufferPoolMetrics.builder().constLabels(worker).register(registry);
            JvmClassLoadingMetrics.builder().constLabels(worker).register(registry);
            JvmCompilationMetrics.builder().constLabels(worker).register(registry);
            JvmRuntimeInfoMetric.builder().constLabels(worker).register(registry);
            ProcessMetrics.builder().constLabels(worker).register(registry);
            return registry;
        }
    }
}

package dev.ferry.rest;

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
 * <p>Memory: nothing of the instrumentation library is loaded until the first {@code /metrics}
 * request (the registry is built in a lazy holder), so a worker nobody scrapes pays nothing.
 *
 * <p>Thread contract: any thread; the registry reads the platform MXBeans on every scrape.
 */
final class JvmSnapshot {
    /** The 0.x name of the memory maxima that Confluent's dashboard queries. */
    static final String CONFLUENT_MAX_ALIAS = "jvm_memory_bytes_max";
    private static final String MAX = "jvm_memory_max_bytes";

    private JvmSnapshot() {
    }

    /** The JVM families of one scrape in that naming. */
    static List<MetricSnapshot> scrape(PrometheusSeries.Naming naming) {
        MetricSnapshots scraped = Registry.INSTANCE.scrape();
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

    /** Holds the registry, so that the first scrape builds it (class initialization is lazy and thread-safe). */
    private static final class Registry {
        static final PrometheusRegistry INSTANCE = build();

        private static PrometheusRegistry build() {
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMemoryMetrics.builder().register(registry);
            JvmGarbageCollectorMetrics.builder().register(registry);
            JvmThreadsMetrics.builder().register(registry);
            JvmBufferPoolMetrics.builder().register(registry);
            JvmClassLoadingMetrics.builder().register(registry);
            JvmCompilationMetrics.builder().register(registry);
            JvmRuntimeInfoMetric.builder().register(registry);
            ProcessMetrics.builder().register(registry);
            return registry;
        }
    }
}

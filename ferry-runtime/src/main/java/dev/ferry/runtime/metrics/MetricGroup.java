package dev.ferry.runtime.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * One MBean's worth of metrics: a group name (the JMX {@code type}) and its tags, in order. Every
 * sensor and metric added through it is remembered, so {@link #close()} unregisters exactly them
 * and nothing of a later group with the same name.
 *
 * <p>Sensor names carry the group name and tags, because sensors live in one namespace per
 * {@link Metrics} instance while two tasks' groups differ only by their tags.
 *
 * <p>Thread contract: thread-safe; the gauges it registers are read on JMX and scrape threads.
 */
final class MetricGroup implements AutoCloseable {
    private final Metrics metrics;
    private final String name;
    private final Map<String, String> tags;
    private final String sensorPrefix;
    private final List<String> sensors = new ArrayList<>();
    private final List<MetricName> metricNames = new ArrayList<>();

    MetricGroup(Metrics metrics, String name, String... tagPairs) {
        if (tagPairs.length % 2 != 0) {
            throw new IllegalArgumentException("Tags of metric group " + name + " must come in name/value pairs; got "
                    + List.of(tagPairs));
        }
        this.metrics = metrics;
        this.name = name;
        LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        StringBuilder prefix = new StringBuilder(name);
        for (int i = 0; i < tagPairs.length; i += 2) {
            ordered.put(tagPairs[i], tagPairs[i + 1]);
            prefix.append(':').append(tagPairs[i]).append('=').append(tagPairs[i + 1]);
        }
        this.tags = ordered;
        this.sensorPrefix = prefix.append(':').toString();
    }

    MetricName metricName(String metric, String description) {
        return metrics.metricName(metric, name, description, tags);
    }

    /** A gauge read on demand; {@code supplier} must be cheap and thread-safe. */
    synchronized <T> void gauge(String metric, String description, java.util.function.Supplier<T> supplier) {
        MetricName metricName = metricName(metric, description);
        metrics.removeMetric(metricName);
        metrics.addMetric(metricName, (Gauge<T>) (config, now) -> supplier.get());
        metricNames.add(metricName);
    }

    /** A gauge computed from the registry's clock reading at the time it is read. */
    synchronized <T> void clockGauge(String metric, String description, java.util.function.LongFunction<T> atTime) {
        MetricName metricName = metricName(metric, description);
        metrics.removeMetric(metricName);
        metrics.addMetric(metricName, (Gauge<T>) (config, now) -> atTime.apply(now));
        metricNames.add(metricName);
    }

    /** A fixed value, e.g. a class name. */
    <T> void constant(String metric, String description, T value) {
        gauge(metric, description, () -> value);
    }

    synchronized Sensor sensor(String sensorName) {
        String full = sensorPrefix + sensorName;
        // A leftover of an instance that was never closed would otherwise be reused with its old values.
        metrics.removeSensor(full);
        Sensor sensor = metrics.sensor(full);
        sensors.add(full);
        return sensor;
    }

    /** A sensor whose recorded values feed {@code <metric>-rate} and {@code <metric>-total}. */
    Sensor meter(String metric, String rateDescription, String totalDescription) {
        Sensor sensor = sensor(metric);
        sensor.add(metricName(metric + "-rate", rateDescription), new Rate());
        sensor.add(metricName(metric + "-total", totalDescription), new CumulativeSum());
        return sensor;
    }

    @Override
    public synchronized void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
        metricNames.forEach(metrics::removeMetric);
        metricNames.clear();
    }
}

package dev.ferry.rest.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every metric of a kafka-clients registry (the worker's Connect metrics) once and adds it
 * to a scrape's {@link SeriesFamilies}, named by {@link PrometheusSeries}; the worker's
 * {@code app-info} is named by {@link AppInfoSeries}. Values that are neither numbers, booleans
 * nor text are left out, as are names Prometheus cannot take and {@code kafka-metrics-count}
 * (the registry's count of its metrics, which neither naming's rules export).
 *
 * <p>Thread contract: stateless; each scrape reads the registry afresh.
 */
final class PrometheusSnapshot {
    private static final Logger log = LoggerFactory.getLogger(PrometheusSnapshot.class);
    /** The registry's count of its own metrics, which neither naming's rules export. */
    private static final String METRICS_COUNT = "kafka-metrics-count";

    private PrometheusSnapshot() {
    }

    static void addTo(SeriesFamilies families, Map<MetricName, ? extends Metric> metrics, String workerId,
                      PrometheusSeries.Naming naming) {
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (METRICS_COUNT.equals(entry.getKey().group())) {
                continue;
            }
            Object value;
            try {
                value = entry.getValue().metricValue();
            } catch (RuntimeException e) {
                log.debug("Leaving metric {} out of /metrics: reading it failed", entry.getKey(), e);
                continue;
            }
            if (AppInfoSeries.TYPE.equals(entry.getKey().group())) {
                AppInfoSeries appInfo = PrometheusSeries.appInfo(entry.getKey(), naming, workerId);
                if (appInfo != null) {
                    appInfo.addTo(families, entry.getKey().name(), value);
                }
                continue;
            }
            double number;
            boolean text = value instanceof CharSequence;
            if (value instanceof Number n) {
                number = n.doubleValue();
            } else if (value instanceof Boolean b) {
                number = b ? 1.0 : 0.0;
            } else if (text) {
                number = 1.0;
            } else {
                continue;
            }
            PrometheusSeries series = PrometheusSeries.of(entry.getKey(), text, naming);
            Map<String, String> labels = PrometheusSeries.labels(entry.getKey(), workerId);
            if (series.textLabel() != null) {
                labels.put(series.textLabel(), value.toString());
            }
            if (!families.add(series.family(), series.counter(), entry.getKey().description(),
                    Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values())), number)) {
                log.debug("Leaving metric {} out of /metrics: {} is not a valid Prometheus name or is of "
                        + "another kind", entry.getKey(), series.family());
            }
        }
    }
}

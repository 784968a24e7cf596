package dev.ferry.rest;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every metric of a kafka-clients registry once and turns it into Prometheus families named
 * by {@link PrometheusSeries}. Values that are neither numbers, booleans nor text are left out, as
 * are names Prometheus cannot take.
 *
 * <p>Thread contract: stateless; each scrape builds its own snapshot.
 */
final class PrometheusSnapshot {
    private static final Logger log = LoggerFactory.getLogger(PrometheusSnapshot.class);

    private PrometheusSnapshot() {
    }

    static MetricSnapshots of(Map<MetricName, ? extends Metric> metrics, String workerId) {
        return of(metrics, workerId, PrometheusSeries.Naming.STRIMZI);
    }

    static MetricSnapshots of(Map<MetricName, ? extends Metric> metrics, String workerId, PrometheusSeries.Naming naming) {
        Map<String, Family> families = new LinkedHashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            Object value;
            try {
                value = entry.getValue().metricValue();
            } catch (RuntimeException e) {
                log.debug("Leaving metric {} out of /metrics: reading it failed", entry.getKey(), e);
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
            if (!PrometheusNaming.isValidMetricName(series.family())) {
                log.debug("Leaving metric {} out of /metrics: {} is not a valid Prometheus name", entry.getKey(),
                        series.family());
                continue;
            }
            Map<String, String> labels = PrometheusSeries.labels(entry.getKey(), workerId);
            if (series.textLabel() != null) {
                labels.put(series.textLabel(), value.toString());
            }
            Family family = families.computeIfAbsent(series.family(),
                    name -> new Family(name, series.counter(), entry.getKey().description()));
            if (family.counter == series.counter()) {
                family.points.add(new Point(Labels.of(new ArrayList<>(labels.keySet()),
                        new ArrayList<>(labels.values())), number));
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            snapshots.add(family.snapshot());
        }
        return new MetricSnapshots(snapshots);
    }

    private record Point(Labels labels, double value) {
    }

    /** The points of one family, de-duplicated by labels (the first wins). */
    private static final class Family {
        private final String name;
        private final boolean counter;
        private final String help;
        private final List<Point> points = new ArrayList<>();

        Family(String name, boolean counter, String help) {
            this.name = name;
            this.counter = counter;
            this.help = help == null || help.isBlank() ? null : help;
        }

        MetricSnapshot snapshot() {
            java.util.Set<Labels> seen = new java.util.HashSet<>();
            if (counter) {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
                for (Point point : points) {
                    if (seen.add(point.labels())) {
                        builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                                .labels(point.labels()).value(Math.max(0, point.value())).build());
                    }
                }
                return builder.build();
            }
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
            for (Point point : points) {
                if (seen.add(point.labels())) {
                    builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                            .labels(point.labels()).value(point.value()).build());
                }
            }
            return builder.build();
        }
    }
}

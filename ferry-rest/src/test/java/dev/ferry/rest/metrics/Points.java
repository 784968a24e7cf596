package dev.ferry.rest.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The points of a scrape's families as {@code kind name{label=value,...}} (labels sorted) to value, for assertions. */
final class Points {
    private Points() {
    }

    static TreeMap<String, Double> of(SeriesFamilies families) {
        TreeMap<String, Double> points = new TreeMap<>();
        for (MetricSnapshot snapshot : families.snapshots()) {
            String kind = snapshot instanceof CounterSnapshot ? "counter"
                    : snapshot instanceof GaugeSnapshot ? "gauge" : snapshot instanceof UnknownSnapshot ? "untyped" : "?";
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                StringJoiner labels = new StringJoiner(",", "{", "}");
                for (Label label : point.getLabels()) {
                    labels.add(label.getName() + "=" + label.getValue());
                }
                double value = point instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue()
                        : point instanceof UnknownSnapshot.UnknownDataPointSnapshot u ? u.getValue()
                        : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
                points.put(kind + " " + snapshot.getMetadata().getName() + labels, value);
            }
        }
        return points;
    }
}

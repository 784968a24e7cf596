package dev.ferry.rest.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of one scrape, gathered by family name from every source (the Connect registry, the
 * Kafka clients' MBeans) before they become Prometheus snapshots. A family keeps the kind
 * (counter, gauge or untyped) and help of its first point; a point of another kind, a second point with
 * the same labels, or a name Prometheus cannot take is left out, so one odd metric never breaks
 * the whole exposition. Untyped families exist for the series the exporter rules declare
 * {@code UNTYPED} ({@code app-info}'s), which the text format writes as {@code untyped}.
 *
 * <p>Thread contract: confined to the scrape that created it.
 */
final class SeriesFamilies {
    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Whether a family of that name has points already. */
    boolean contains(String name) {
        return families.containsKey(name);
    }

    /**
     * Adds one point.
     *
     * @param name    the family name; for a counter without its {@code _total} (the writer adds it)
     * @param help    the family's help text, taken from its first point; may be null
     * @return false if the point was left out (invalid name, or the family is of the other kind)
     */
    boolean add(String name, boolean counter, String help, Labels labels, double value) {
        return add(name, counter ? Kind.COUNTER : Kind.GAUGE, help, labels, value);
    }

    /** Adds one point of an untyped family; see {@link #add(String, boolean, String, Labels, double)}. */
    boolean addUntyped(String name, String help, Labels labels, double value) {
        return add(name, Kind.UNTYPED, help, labels, value);
    }

    private boolean add(String name, Kind kind, String help, Labels labels, double value) {
        Family family = families.get(name);
        if (family == null) {
            if (!PrometheusNaming.isValidMetricName(name)) {
                return false;
            }
            family = new Family(name, kind, help);
            families.put(name, family);
        }
        if (family.kind != kind) {
            return false;
        }
        family.points.add(new Point(labels, value));
        return true;
    }

    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
        for (Family family : families.values()) {
            snapshots.add(family.snapshot());
        }
        return snapshots;
    }

    private enum Kind { COUNTER, GAUGE, UNTYPED }

    private record Point(Labels labels, double value) {
    }

    /** The points of one family, de-duplicated by labels (the first wins). */
    private static final class Family {
        private final String name;
        private final Kind kind;
        private final String help;
        private final List<Point> points = new ArrayList<>();

        Family(String name, Kind kind, String help) {
            this.name = name;
            this.kind = kind;
            this.help = help == null || help.isBlank() ? null : help;
        }

        MetricSnapshot snapshot() {
            Set<Labels> seen = new HashSet<>();
            if (kind == Kind.UNTYPED) {
                UnknownSnapshot.Builder builder = UnknownSnapshot.builder().name(name).help(help);
                for (Point point : points) {
                    if (seen.add(point.labels())) {
                        builder.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder()
                                .labels(point.labels()).value(point.value()).build());
                    }
                }
                return builder.build();
            }
            if (kind == Kind.COUNTER) {
                CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
                for (Point point : points) {
                    if (seen.add(point.labels())) {
                        // The model refuses a negative counter value; kafka-clients' cumulative sums
                        // never are, and one odd value must not fail the scrape.
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

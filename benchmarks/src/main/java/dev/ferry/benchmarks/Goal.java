package dev.ferry.benchmarks;

import dev.ferry.benchmarks.BenchmarkOptions.Part;
import java.util.List;
import java.util.function.Function;

/**
 * One figure Ferry has a target for, with Apache Kafka Connect 4.3.1's value for the same figure
 * (from the project brief's measurement of Apache's standalone worker, and for failover from
 * Apache's distributed defaults; see benchmarks/README.md).
 *
 * @param part the part of the benchmark that measures it
 * @param key the figure's name in results.json
 * @param figure what the table calls it
 * @param unit how the value is shown
 * @param apache Apache 4.3.1's value, or null for a figure of Ferry's own (nothing to compare with)
 * @param target Ferry's limit
 * @param atMost true when lower is better (the value must not exceed the target)
 * @param measured the value in a run's results, or null when that phase failed
 */
record Goal(Part part, String key, String figure, Unit unit, Double apache, double target, boolean atMost,
        Function<BenchmarkResults, Double> measured) {

    /** How a value of a figure is written. */
    enum Unit {
        SECONDS("%.2f s"), MEBIBYTES("%.0f MB"), RECORDS_PER_SECOND("%,.0f rec/s"), PERCENT("%.1f %%"),
        CPU_SECONDS_PER_MILLION("%.2f s");

        private final String format;

        Unit(String format) {
            this.format = format;
        }

        String format(double value) {
            return String.format(format, this == PERCENT ? value * 100 : value);
        }
    }

    /**
     * Apache 4.3.1's time from kill -9 of a worker to its work running elsewhere with default
     * settings: session.timeout.ms (10 s) plus scheduled.rebalance.max.delay.ms (300 s), during
     * which the lost work stays unassigned.
     */
    static final double APACHE_FAILOVER_SECONDS = 310;

    /** Apache's sink rate in the brief's measurement, in records per second. */
    static final double APACHE_SINK_RATE = 387_000;

    /**
     * Issue 4's limit on what per-record metrics may cost the hot path: the largest of the source's
     * and the sink's rate and CPU differences between metrics on and off.
     */
    static final double METRICS_OVERHEAD_LIMIT = 0.03;

    /** The targets, in the order the table shows them. */
    static final List<Goal> ALL = List.of(
            new Goal(Part.PIPELINE, "startSeconds", "start to REST ready (median)", Unit.SECONDS, 6.7, 1.0, true,
                    r -> r.startup == null ? null : r.startup.medianReadySeconds()),
            new Goal(Part.PIPELINE, "idleRssMb", "idle RSS, no connectors (median)", Unit.MEBIBYTES, 570.0, 120,
                    true, r -> r.startup == null ? null : r.startup.medianIdleRssMib()),
            new Goal(Part.PIPELINE, "sourceToRawProducer", "source rate / raw producer rate", Unit.PERCENT, 0.85,
                    0.95, false, BenchmarkResults::sourceToRawProducer),
            new Goal(Part.PIPELINE, "sourceCpuSecondsPer1M", "source worker CPU per 1M records",
                    Unit.CPU_SECONDS_PER_MILLION, 5.8, 3.0, true,
                    r -> r.source == null ? null : r.source.cpuSecondsPerMillionRecords()),
            new Goal(Part.PIPELINE, "sinkRecordsPerSecond", "sink rate (target 1.5x Apache)", Unit.RECORDS_PER_SECOND,
                    APACHE_SINK_RATE, 1.5 * APACHE_SINK_RATE, false,
                    r -> r.sink == null ? null : r.sink.recordsPerSecond()),
            new Goal(Part.PIPELINE, "sinkCpuSecondsPer1M", "sink worker CPU per 1M records",
                    Unit.CPU_SECONDS_PER_MILLION, 3.5, 2.0, true,
                    r -> r.sink == null ? null : r.sink.cpuSecondsPerMillionRecords()),
            new Goal(Part.PIPELINE, "metricsOverhead", "metrics overhead (worst of rate, CPU)", Unit.PERCENT,
                    null, METRICS_OVERHEAD_LIMIT, true, BenchmarkResults::metricsOverhead),
            new Goal(Part.CLUSTER, "killFailoverSeconds", "failover after kill -9 (median)", Unit.SECONDS,
                    APACHE_FAILOVER_SECONDS, 15.0, true, r -> r.cluster == null ? null : r.cluster.medianKillFailover()));

    /** Whether {@code value} meets the target. */
    boolean met(double value) {
        return atMost ? value <= target : value >= target;
    }

    String targetText() {
        return (atMost ? "<= " : ">= ") + unit.format(target);
    }
}

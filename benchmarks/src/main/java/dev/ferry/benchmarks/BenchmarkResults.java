package dev.ferry.benchmarks;

import dev.ferry.benchmarks.BenchmarkOptions.Part;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run measured. A phase that failed leaves its figure null and says why in
 * {@link #failures}, so one broken phase still lets the others report.
 */
final class BenchmarkResults {
    final long records;
    /** The parts that were run; the others have no figures and are not reported. */
    final Set<Part> parts;
    final int lineBytes = BenchmarkLines.LINE_BYTES;
    final Map<String, String> failures = new LinkedHashMap<>();
    Startup startup;
    Throughput rawProducer;
    Throughput rawConsumer;
    /**
     * The fresh metrics-on source transfer with the median rate
     * ({@link MetricsComparison#medianOnFreshTransfer}): the headline figure, measured as the brief
     * measured Apache, on a worker that has just started.
     */
    Transfer source;
    /** The fresh metrics-on sink transfer with the median rate. */
    Transfer sink;
    /** The warm metrics-on source transfer with the median rate: the steady state. */
    Transfer sourceWarm;
    /** The warm metrics-on sink transfer with the median rate. */
    Transfer sinkWarm;
    /** Every source worker run, metrics on and off. */
    final MetricsComparison sourceMetrics = new MetricsComparison();
    /** Every sink worker run, metrics on and off. */
    final MetricsComparison sinkMetrics = new MetricsComparison();
    ClusterFigures cluster;

    BenchmarkResults(long records) {
        this(records, EnumSet.allOf(Part.class));
    }

    BenchmarkResults(long records, Set<Part> parts) {
        this.records = records;
        this.parts = Set.copyOf(parts);
    }

    /** Source rate over raw producer rate, or null when either is missing. */
    Double sourceToRawProducer() {
        return source == null || rawProducer == null ? null
                : source.recordsPerSecond() / rawProducer.recordsPerSecond();
    }

    /**
     * The largest of the four costs of per-record metrics (source and sink, rate and CPU), or null
     * unless both connectors ran with metrics on and off.
     */
    Double metricsOverhead() {
        if (!sourceMetrics.complete() || !sinkMetrics.complete()) {
            return null;
        }
        return Math.max(Math.max(sourceMetrics.rateCost(), sourceMetrics.cpuCost()),
                Math.max(sinkMetrics.rateCost(), sinkMetrics.cpuCost()));
    }

    /** Sink rate over raw consumer rate, or null when either is missing. */
    Double sinkToRawConsumer() {
        return sink == null || rawConsumer == null ? null : sink.recordsPerSecond() / rawConsumer.recordsPerSecond();
    }
}

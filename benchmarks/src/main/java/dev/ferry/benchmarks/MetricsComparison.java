package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One connector's transfers with per-record metrics on and off, run alternately on fresh workers
 * in one benchmark run, and what the metrics cost: the relative differences of the medians.
 *
 * <p>Costs are signed so that a positive value means the metrics cost something: the rate cost is
 * the share of the metrics-off rate lost with metrics on, {@code 1 - on/off}; the CPU cost is the
 * extra worker CPU per record with metrics on, {@code on/off - 1}. A negative cost is noise.
 */
final class MetricsComparison {
    /** Transfers with metrics on, in the order they ran. */
    final List<Transfer> on = new ArrayList<>();
    /** Transfers with metrics off, in the order they ran. */
    final List<Transfer> off = new ArrayList<>();

    void add(RecordMetrics setting, Transfer transfer) {
        (setting == RecordMetrics.ON ? on : off).add(transfer);
    }

    /** True when both settings have at least one transfer, so there is something to compare. */
    boolean complete() {
        return !on.isEmpty() && !off.isEmpty();
    }

    Double medianRate(RecordMetrics setting) {
        return median(runs(setting), Transfer::recordsPerSecond);
    }

    Double medianCpuPer1M(RecordMetrics setting) {
        return median(runs(setting), Transfer::cpuSecondsPerMillionRecords);
    }

    /** {@code 1 - median on rate / median off rate}, or null when a setting has no transfer. */
    Double rateCost() {
        return complete() ? 1 - medianRate(RecordMetrics.ON) / medianRate(RecordMetrics.OFF) : null;
    }

    /** {@code median on CPU / median off CPU - 1}, or null when a setting has no transfer. */
    Double cpuCost() {
        return complete() ? medianCpuPer1M(RecordMetrics.ON) / medianCpuPer1M(RecordMetrics.OFF) - 1 : null;
    }

    /**
     * The metrics-on transfer with the median rate (the lower middle one of an even count): the
     * connector's headline figure, a real run so its rate, CPU and memory belong together.
     */
    Transfer medianOnTransfer() {
        if (on.isEmpty()) {
            return null;
        }
        List<Transfer> sorted = new ArrayList<>(on);
        sorted.sort(Comparator.comparingDouble(Transfer::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    List<Transfer> runs(RecordMetrics setting) {
        return setting == RecordMetrics.ON ? on : off;
    }

    private static Double median(List<Transfer> runs, ToDoubleFunction<Transfer> figure) {
        return runs.isEmpty() ? null : Startup.median(runs.stream().map(figure::applyAsDouble).toList());
    }
}

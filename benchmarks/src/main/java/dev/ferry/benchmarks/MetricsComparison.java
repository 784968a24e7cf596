package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One connector's worker runs with per-record metrics on and off, run alternately on fresh workers
 * in one benchmark run, and what the metrics cost: the relative differences of the medians of the
 * warm transfers ({@link WorkerRun}), where JIT compilation and heap growth no longer drown a
 * difference of a few per cent.
 *
 * <p>Costs are signed so that a positive value means the metrics cost something: the rate cost is
 * the share of the metrics-off rate lost with metrics on, {@code 1 - on/off}; the CPU cost is the
 * extra worker CPU per record with metrics on, {@code on/off - 1}. A negative cost is noise.
 */
final class MetricsComparison {
    /** Worker runs with metrics on, in the order they ran. */
    final List<WorkerRun> on = new ArrayList<>();
    /** Worker runs with metrics off, in the order they ran. */
    final List<WorkerRun> off = new ArrayList<>();

    void add(RecordMetrics setting, WorkerRun run) {
        (setting == RecordMetrics.ON ? on : off).add(run);
    }

    /** True when both settings have at least one transfer, so there is something to compare. */
    boolean complete() {
        return !on.isEmpty() && !off.isEmpty();
    }

    /** The median rate of the warm transfers with this setting. */
    Double medianRate(RecordMetrics setting) {
        return median(warm(setting), Transfer::recordsPerSecond);
    }

    /** The median worker CPU per million records of the warm transfers with this setting. */
    Double medianCpuPer1M(RecordMetrics setting) {
        return median(warm(setting), Transfer::cpuSecondsPerMillionRecords);
    }

    /**
     * How far the warm rates of one setting spread: (largest - smallest) / median, or null with
     * fewer than two transfers. Printed next to the cost, so a reader sees whether a cost stands
     * out of the noise between runs of the same setting.
     */
    Double rateSpread(RecordMetrics setting) {
        return spread(warm(setting), Transfer::recordsPerSecond);
    }

    /** As {@link #rateSpread}, for the worker CPU per million records. */
    Double cpuSpread(RecordMetrics setting) {
        return spread(warm(setting), Transfer::cpuSecondsPerMillionRecords);
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
     * The fresh metrics-on transfer with the median rate (the lower middle one of an even count):
     * the connector's headline figure, a real run so its rate, CPU and memory belong together.
     */
    Transfer medianOnFreshTransfer() {
        return medianByRate(on.stream().map(WorkerRun::fresh).toList());
    }

    /** As {@link #medianOnFreshTransfer()}, among the warm transfers. */
    Transfer medianOnWarmTransfer() {
        return medianByRate(warm(RecordMetrics.ON));
    }

    List<WorkerRun> runs(RecordMetrics setting) {
        return setting == RecordMetrics.ON ? on : off;
    }

    private List<Transfer> warm(RecordMetrics setting) {
        return runs(setting).stream().map(WorkerRun::warm).toList();
    }

    private static Transfer medianByRate(List<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return null;
        }
        List<Transfer> sorted = new ArrayList<>(transfers);
        sorted.sort(Comparator.comparingDouble(Transfer::recordsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Double spread(List<Transfer> runs, ToDoubleFunction<Transfer> figure) {
        if (runs.size() < 2) {
            return null;
        }
        double max = runs.stream().mapToDouble(figure).max().orElseThrow();
        double min = runs.stream().mapToDouble(figure).min().orElseThrow();
        return (max - min) / median(runs, figure);
    }

    private static Double median(List<Transfer> runs, ToDoubleFunction<Transfer> figure) {
        return runs.isEmpty() ? null : Startup.median(runs.stream().map(figure::applyAsDouble).toList());
    }
}

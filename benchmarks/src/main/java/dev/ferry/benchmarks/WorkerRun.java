package dev.ferry.benchmarks;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The two transfers one fresh worker makes, back to back with the same connector class and input:
 * the first right after the worker started, while the JIT compiles the record path and the heap
 * grows to its working size, and the second on the JVM the first one warmed up.
 *
 * <p>The fresh transfer is what a user sees after a deploy, and what the brief measured Apache
 * on. The warm one is the steady state: JIT compilation and heap growth, which move a fresh
 * transfer's CPU figure by more than small changes on the record path, are behind it, so the
 * per-record metrics comparison uses it.
 *
 * @param fresh the first transfer after the worker started
 * @param warm the same transfer again, on the same worker
 */
record WorkerRun(Transfer fresh, Transfer warm) {

    /** The medians over {@code runs} of the fresh and warm rates and CPU figures, keyed as the results files name them. */
    static Map<String, Double> medians(List<WorkerRun> runs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("freshRate", median(runs, r -> r.fresh().recordsPerSecond()));
        m.put("freshCpu", median(runs, r -> r.fresh().cpuSecondsPerMillionRecords()));
        m.put("warmRate", median(runs, r -> r.warm().recordsPerSecond()));
        m.put("warmCpu", median(runs, r -> r.warm().cpuSecondsPerMillionRecords()));
        return m;
    }

    private static double median(List<WorkerRun> runs, ToDoubleFunction<WorkerRun> figure) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}

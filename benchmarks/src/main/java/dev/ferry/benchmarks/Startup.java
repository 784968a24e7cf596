package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The start-up runs: for each, the time from launching the worker to {@code GET /} answering 200,
 * and the worker's resident set after it then sat idle without connectors.
 */
record Startup(List<Double> readySeconds, List<Long> idleRssKib) {

    double medianReadySeconds() {
        return median(readySeconds);
    }

    double medianIdleRssMib() {
        return median(idleRssKib.stream().map(kib -> kib / 1024.0).toList());
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a worker records its per-record task metrics, set through the launcher's
 * {@code FERRY_OPTS} as the system property {@code ferry.metrics.records} (see
 * docs/MONITORING.md). Both settings are passed explicitly, so a {@code FERRY_OPTS} the user set
 * for the run cannot turn the "on" runs off.
 */
enum RecordMetrics {
    ON, OFF;

    /** The worker's system property; the runtime's ConnectMetrics reads it once at start. */
    static final String PROPERTY = "ferry.metrics.records";

    /** The JVM option that selects this setting; added after the user's FERRY_OPTS, so it wins. */
    String jvmOption() {
        return "-D" + PROPERTY + "=" + (this == ON);
    }

    /** As the progress lines and worker directories name it: {@code metrics-on}, {@code metrics-off}. */
    String label() {
        return this == ON ? "metrics-on" : "metrics-off";
    }

    /**
     * The order of {@code pairs} on/off pairs: ON OFF, OFF ON, ON OFF, ... Each setting runs first in
     * half the pairs, so a machine that speeds up or slows down through the run (page cache, JIT of
     * the broker, other work on the CPUs) shifts both settings alike instead of favouring one.
     */
    static List<RecordMetrics> alternating(int pairs) {
        List<RecordMetrics> order = new ArrayList<>(2 * pairs);
        for (int i = 0; i < pairs; i++) {
            order.add(i % 2 == 0 ? ON : OFF);
            order.add(i % 2 == 0 ? OFF : ON);
        }
        return List.copyOf(order);
    }
}

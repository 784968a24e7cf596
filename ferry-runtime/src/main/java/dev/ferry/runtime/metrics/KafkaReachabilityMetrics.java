package dev.ferry.runtime.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the worker reaches Kafka, in {@code connect-worker-metrics} beside Apache's worker
 * metrics: {@code kafka-reachable} (1 or 0, from the worker's last check) and
 * {@code kafka-unreachable-seconds} (how long Kafka has not answered, 0 while it does), which
 * the {@code FerryKafkaUnreachable} alert watches. Apache has neither: its tasks stay RUNNING and its
 * worker healthy while the brokers are gone.
 *
 * <p>Thread contract: thread-safe; the gauges are read on JMX and scrape threads.
 */
public final class KafkaReachabilityMetrics implements AutoCloseable {
    private final MetricGroup group;

    /** Registers both gauges; the suppliers must be cheap and thread-safe. */
    public KafkaReachabilityMetrics(ConnectMetrics metrics, BooleanSupplier reachable, LongSupplier unreachableMs) {
        this.group = metrics.group("connect-worker-metrics");
        group.gauge("kafka-reachable", "1 when the worker's last check reached Kafka, 0 when it did not.",
                () -> reachable.getAsBoolean() ? 1.0 : 0.0);
        group.gauge("kafka-unreachable-seconds", "How long Kafka has not answered the worker's checks, 0 while it does.",
                () -> unreachableMs.getAsLong() / 1000.0);
    }

    @Override
    public void close() {
        group.close();
    }
}

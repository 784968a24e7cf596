package dev.ferry.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentSeriesTest {
    private final ManualTime time = new ManualTime();
    private final Metrics registry = new Metrics(time);
    private final RecentSeries series = new RecentSeries(registry, time, (c, t) -> 42.0, false);

    @AfterEach
    void close() {
        series.close();
        registry.close();
    }

    /** A sink task's read and send totals, error totals and put time, as the worker registers them. */
    private Sensor[] sinkTask(String connector, int task) {
        Map<String, String> tags = Map.of("connector", connector, "task", Integer.toString(task));
        Sensor read = registry.sensor(connector + task + "read");
        read.add(registry.metricName("sink-record-read-total", "sink-task-metrics", "", tags), new CumulativeSum());
        Sensor send = registry.sensor(connector + task + "send");
        send.add(registry.metricName("sink-record-send-total", "sink-task-metrics", "", tags), new CumulativeSum());
        Sensor put = registry.sensor(connector + task + "put");
        put.add(registry.metricName("put-batch-avg-time-ms", "sink-task-metrics", "", tags), new Avg());
        Sensor errors = registry.sensor(connector + task + "errors");
        errors.add(registry.metricName("total-record-errors", "task-error-metrics", "", tags), new CumulativeSum());
        Sensor dlq = registry.sensor(connector + task + "dlq");
        dlq.add(registry.metricName("deadletterqueue-produce-requests", "task-error-metrics", "", tags),
                new CumulativeSum());
        return new Sensor[] {read, send, put, errors, dlq};
    }

    @Test
    void firstReadWatchesTheConnectorAndTakesOneSampleWithoutRatesYet() {
        sinkTask("orders", 0);
        assertThat(series.watched()).isZero();

        Map<Integer, RecentSeries.Series> read = series.read("orders");

        assertThat(series.watched()).isEqualTo(1);
        assertThat(read).containsOnlyKeys(0);
        RecentSeries.Series task = read.get(0);
        assertThat(task.type()).isEqualTo("sink");
        assertThat(task.times()).containsExactly(time.milliseconds());
        assertThat(task.values().get("records_in_per_sec")[0]).isNaN();
        assertThat(task.values().get("lag_records")[0]).isEqualTo(42.0);
    }

    @Test
    void ratesAndIncreasesAreComputedFromTotalsBetweenSamples() {
        Sensor[] sensors = sinkTask("orders", 0);
        series.read("orders");
        sensors[0].record(50);
        sensors[1].record(40);
        sensors[2].record(12);
        sensors[3].record(3);
        sensors[4].record(2);
        time.advance(RecentSeries.INTERVAL_MS);

        series.tick();

        Map<String, double[]> values = series.read("orders").get(0).values();
        assertThat(values.get("records_in_per_sec")).containsExactly(Double.NaN, 10.0);
        assertThat(values.get("records_out_per_sec")[1]).isEqualTo(8.0);
        assertThat(values.get("errors")[1]).isEqualTo(3.0);
        assertThat(values.get("dlq_records")[1]).isEqualTo(2.0);
        assertThat(values.get("batch_time_ms")[1]).isEqualTo(12.0);
    }

    @Test
    void otherConnectorsAreNeitherSampledNorReturned() {
        sinkTask("orders", 0);
        sinkTask("payments", 1);

        assertThat(series.read("orders")).containsOnlyKeys(0);
        assertThat(series.watched()).isEqualTo(1);
    }

    @Test
    void keepsAtMostTheFixedNumberOfSamplesPerTask() {
        sinkTask("orders", 0);
        for (int i = 0; i < RecentSeries.SAMPLES + 30; i++) {
            series.read("orders");
            time.advance(RecentSeries.INTERVAL_MS);
            series.tick();
        }

        RecentSeries.Series task = series.read("orders").get(0);
        assertThat(task.times()).hasSize(RecentSeries.SAMPLES);
        assertThat(task.times()[RecentSeries.SAMPLES - 1]).isEqualTo(time.milliseconds());
        assertThat(task.times()[0]).isEqualTo(time.milliseconds() - (RecentSeries.SAMPLES - 1) * RecentSeries.INTERVAL_MS);
    }

    @Test
    void aConnectorNobodyReadsForTheIdleTimeIsForgotten() {
        sinkTask("orders", 0);
        series.read("orders");
        time.advance(RecentSeries.IDLE_MS - 1);
        series.tick();
        assertThat(series.watched()).isEqualTo(1);

        time.advance(1);
        series.tick();

        assertThat(series.watched()).isZero();
    }

    @Test
    void watchesAtMostTheMaximumNumberOfConnectorsDroppingTheLeastRecentlyRead() {
        for (int i = 0; i <= RecentSeries.MAX_CONNECTORS; i++) {
            series.read("c" + i);
        }

        assertThat(series.watched()).isEqualTo(RecentSeries.MAX_CONNECTORS);
    }

    @Test
    void theSamplerThreadStartsOnTheFirstReadAndStopsWhenNothingIsWatched() {
        try (RecentSeries threaded = new RecentSeries(registry, time, (c, t) -> Double.NaN, true)) {
            assertThat(threaded.sampling()).isFalse();
            threaded.read("orders");
            assertThat(threaded.sampling()).isTrue();

            time.advance(RecentSeries.IDLE_MS);
            threaded.tick();

            assertThat(threaded.sampling()).isFalse();
        }
    }

    /** Time that moves only when told. */
    private static final class ManualTime implements Time {
        private long now = 1_700_000_000_000L;

        void advance(long ms) {
            now += ms;
        }

        @Override
        public long milliseconds() {
            return now;
        }

        @Override
        public long nanoseconds() {
            return now * 1_000_000;
        }

        @Override
        public void sleep(long ms) {
            now += ms;
        }

        @Override
        public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
            throw new UnsupportedOperationException();
        }
    }
}

package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static dev.ferry.benchmarks.RecordMetrics.OFF;
import static dev.ferry.benchmarks.RecordMetrics.ON;

import org.junit.jupiter.api.Test;

class MetricsComparisonTest {

    /** A transfer of one million records at {@code rate} using {@code cpuPer1M} CPU seconds. */
    private static Transfer transfer(double rate, double cpuPer1M) {
        return new Transfer(1_000_000, 1_000_000 / rate, cpuPer1M, 0.5, 0);
    }

    /**
     * A worker whose warm transfer is as given; its fresh one is the same for every worker, so a
     * comparison that looked at fresh transfers would find no cost at all.
     */
    private static WorkerRun worker(double warmRate, double warmCpuPer1M) {
        return new WorkerRun(transfer(50, 6.0), transfer(warmRate, warmCpuPer1M));
    }

    @Test
    void alternatingOrder_putsEachSettingFirstInHalfThePairs() {
        assertThat(RecordMetrics.alternating(3)).containsExactly(ON, OFF, OFF, ON, ON, OFF);
        assertThat(RecordMetrics.alternating(1)).containsExactly(ON, OFF);
    }

    @Test
    void jvmOption_namesTheRuntimeSwitchExplicitlyForBothSettings() {
        assertThat(ON.jvmOption()).isEqualTo("-Dferry.metrics.records=true");
        assertThat(OFF.jvmOption()).isEqualTo("-Dferry.metrics.records=false");
    }

    @Test
    void costs_compareTheMediansOfEachSettingsWarmTransfers_positiveWhenMetricsCostSomething() {
        MetricsComparison c = new MetricsComparison();
        c.add(ON, worker(90, 2.2));
        c.add(OFF, worker(100, 2.0));
        c.add(OFF, worker(50, 9.0));
        c.add(ON, worker(95, 2.1));
        c.add(ON, worker(10, 2.0));
        c.add(OFF, worker(100, 2.0));
        assertThat(c.medianRate(ON)).isCloseTo(90, within(1e-9));
        assertThat(c.medianRate(OFF)).isCloseTo(100, within(1e-9));
        assertThat(c.rateCost()).isCloseTo(0.10, within(1e-9));
        assertThat(c.cpuCost()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void medianOnTransfers_areRealRuns_theLowerMiddleOneOfAnEvenCount_freshAndWarmChosenApart() {
        MetricsComparison c = new MetricsComparison();
        assertThat(c.medianOnFreshTransfer()).isNull();
        assertThat(c.medianOnWarmTransfer()).isNull();
        Transfer slowFresh = transfer(80, 3.0);
        Transfer fastFresh = transfer(120, 1.0);
        Transfer slowWarm = transfer(150, 1.0);
        Transfer fastWarm = transfer(200, 0.8);
        // The worker with the slower fresh transfer had the faster warm one.
        c.add(ON, new WorkerRun(fastFresh, slowWarm));
        c.add(ON, new WorkerRun(slowFresh, fastWarm));
        c.add(OFF, worker(1, 1.0));
        assertThat(c.medianOnFreshTransfer()).isSameAs(slowFresh);
        assertThat(c.medianOnWarmTransfer()).isSameAs(slowWarm);
        c.add(ON, new WorkerRun(transfer(100, 2.0), transfer(175, 0.9)));
        assertThat(c.medianOnFreshTransfer().recordsPerSecond()).isCloseTo(100, within(1e-9));
        assertThat(c.medianOnWarmTransfer().recordsPerSecond()).isCloseTo(175, within(1e-9));
    }

    @Test
    void metricsOverhead_isTheWorstOfFourCosts_andMissingUntilBothConnectorsRanBothWays() {
        BenchmarkResults results = new BenchmarkResults(1_000_000);
        results.sourceMetrics.add(ON, worker(99, 2.0));
        results.sourceMetrics.add(OFF, worker(100, 2.0));
        assertThat(results.metricsOverhead()).isNull();
        results.sinkMetrics.add(ON, worker(100, 2.1));
        assertThat(results.metricsOverhead()).isNull();
        results.sinkMetrics.add(OFF, worker(101, 2.0));
        assertThat(results.metricsOverhead()).isCloseTo(0.05, within(1e-9));
        Goal goal = Goal.ALL.stream().filter(g -> g.key().equals("metricsOverhead")).findFirst().orElseThrow();
        assertThat(goal.apache()).isNull();
        assertThat(goal.met(0.029)).isTrue();
        assertThat(goal.met(0.05)).isFalse();
    }

    @Test
    void spreads_areTheRangeOfOneSettingsWarmTransfersOverTheirMedian() {
        MetricsComparison c = new MetricsComparison();
        c.add(ON, worker(90, 2.0));
        assertThat(c.rateSpread(ON)).isNull();
        c.add(ON, worker(100, 2.5));
        c.add(ON, worker(120, 3.0));
        assertThat(c.rateSpread(ON)).isCloseTo(0.30, within(1e-9));
        assertThat(c.cpuSpread(ON)).isCloseTo(0.40, within(1e-9));
        assertThat(c.rateSpread(OFF)).isNull();
    }
}

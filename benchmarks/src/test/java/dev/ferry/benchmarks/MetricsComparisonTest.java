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
    void costs_compareTheMediansOfEachSetting_positiveWhenMetricsCostSomething() {
        MetricsComparison c = new MetricsComparison();
        c.add(ON, transfer(90, 2.2));
        c.add(OFF, transfer(100, 2.0));
        c.add(OFF, transfer(50, 9.0));
        c.add(ON, transfer(95, 2.1));
        c.add(ON, transfer(10, 2.0));
        c.add(OFF, transfer(100, 2.0));
        assertThat(c.medianRate(ON)).isCloseTo(90, within(1e-9));
        assertThat(c.medianRate(OFF)).isCloseTo(100, within(1e-9));
        assertThat(c.rateCost()).isCloseTo(0.10, within(1e-9));
        assertThat(c.cpuCost()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void medianOnTransfer_isARealRun_theLowerMiddleOneOfAnEvenCount() {
        MetricsComparison c = new MetricsComparison();
        assertThat(c.medianOnTransfer()).isNull();
        Transfer slow = transfer(80, 3.0);
        Transfer fast = transfer(120, 1.0);
        c.add(ON, fast);
        c.add(ON, slow);
        assertThat(c.medianOnTransfer()).isSameAs(slow);
        c.add(ON, transfer(100, 2.0));
        assertThat(c.medianOnTransfer().recordsPerSecond()).isCloseTo(100, within(1e-9));
    }

    @Test
    void metricsOverhead_isTheWorstOfFourCosts_andMissingUntilBothConnectorsRanBothWays() {
        BenchmarkResults results = new BenchmarkResults(1_000_000);
        results.sourceMetrics.add(ON, transfer(99, 2.0));
        results.sourceMetrics.add(OFF, transfer(100, 2.0));
        assertThat(results.metricsOverhead()).isNull();
        results.sinkMetrics.add(ON, transfer(100, 2.1));
        assertThat(results.metricsOverhead()).isNull();
        results.sinkMetrics.add(OFF, transfer(101, 2.0));
        assertThat(results.metricsOverhead()).isCloseTo(0.05, within(1e-9));
        Goal goal = Goal.ALL.stream().filter(g -> g.key().equals("metricsOverhead")).findFirst().orElseThrow();
        assertThat(goal.apache()).isNull();
        assertThat(goal.met(0.029)).isTrue();
        assertThat(goal.met(0.05)).isFalse();
    }
}

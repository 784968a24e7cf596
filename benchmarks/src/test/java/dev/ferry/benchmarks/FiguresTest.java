package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void startupMedians_takeTheMiddleValue_orTheMeanOfTheTwoMiddleOnes() {
        Startup odd = new Startup(List.of(3.0, 1.0, 2.0), List.of(4096L, 1024L, 2048L));
        assertThat(odd.medianReadySeconds()).isEqualTo(2.0);
        assertThat(odd.medianIdleRssMib()).isEqualTo(2.0);
        assertThat(Startup.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void transfer_scalesCpuToOneMillionRecords() {
        Transfer transfer = new Transfer(500_000, 2.0, 1.5, 0.3, 0);
        assertThat(transfer.recordsPerSecond()).isEqualTo(250_000);
        assertThat(transfer.cpuSecondsPerMillionRecords()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void goals_compareInTheirOwnDirection() {
        Goal start = Goal.ALL.stream().filter(g -> g.key().equals("startSeconds")).findFirst().orElseThrow();
        Goal sink = Goal.ALL.stream().filter(g -> g.key().equals("sinkRecordsPerSecond")).findFirst().orElseThrow();
        assertThat(start.met(0.9)).isTrue();
        assertThat(start.met(1.1)).isFalse();
        assertThat(sink.met(600_000)).isTrue();
        assertThat(sink.met(500_000)).isFalse();
    }

    @Test
    void ratios_areMissing_whenEitherSideFailed() {
        BenchmarkResults results = new BenchmarkResults(1000);
        results.rawProducer = new Throughput(1000, 1.0);
        assertThat(results.sourceToRawProducer()).isNull();
        results.source = new Transfer(900, 1.0, 0.1, 0.1, 0);
        assertThat(results.sourceToRawProducer()).isCloseTo(0.9, within(1e-9));
    }
}

package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatsTest {
    private final ProcStats stats = ProcStats.forThisMachine();
    private final long self = ProcessHandle.current().pid();

    @Test
    void cpuSeconds_ofThisProcess_growsWhileItWorks() {
        double before = stats.cpuSeconds(self);
        long sum = 0;
        for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) {
            sum += Long.numberOfTrailingZeros(System.nanoTime());
        }
        assertThat(sum).isNotNegative();
        assertThat(stats.cpuSeconds(self)).isGreaterThan(before);
    }

    @Test
    void rss_ofThisProcess_isPositive_andNoMoreThanItsPeak() {
        long rss = stats.rssKib(self);
        assertThat(rss).isPositive();
        assertThat(stats.peakRssKib(self)).isGreaterThanOrEqualTo(rss);
    }

    @Test
    void readingAProcessThatIsGone_namesThePid() {
        assertThatThrownBy(() -> stats.rssKib(Integer.MAX_VALUE)).hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }
}

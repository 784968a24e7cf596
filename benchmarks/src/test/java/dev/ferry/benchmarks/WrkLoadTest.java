package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkLoadTest {
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:18081/schemas/ids/1
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.10ms    5.86ms  68.67ms   93.41%
                Req/Sec     4.65k     1.89k    9.28k    64.50%
              Latency Distribution
                 50%  630.00us
                 75%    3.05ms
                 90%    6.42ms
                 99%    1.20s
              93209 requests in 10.08s, 31.73MB read
            Requests/sec:   9242.52
            Transfer/sec:      3.15MB
            """;

    @Test
    void parse_readsTheRateAndThePercentilesInMilliseconds() {
        assertThat(WrkLoad.parse(REPORT)).containsEntry("requestsPerSecond", 9242.52).containsEntry("p50Millis", 0.63)
                .containsEntry("p75Millis", 3.05).containsEntry("p99Millis", 1200.0);
    }

    @Test
    void parse_refusesAReportWithErrorResponses() {
        assertThatThrownBy(() -> WrkLoad.parse(REPORT + "  Non-2xx or 3xx responses: 12\n"))
                .hasMessageContaining("error responses");
    }
}

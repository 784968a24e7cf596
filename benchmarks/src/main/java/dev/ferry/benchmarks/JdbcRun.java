package dev.ferry.benchmarks;

/**
 * One measured JDBC transfer (connector or ceiling), inside the window {@link JdbcWatch} describes.
 *
 * @param what names the transfer, for messages
 * @param rows rows moved inside the window
 * @param seconds the window's wall-clock length
 * @param secondsToFirstRow from starting the connector or ceiling to the window's opening (not in the rate)
 * @param cpu CPU inside the window: the measured JVM (per thread), PostgreSQL, the broker
 * @param peakRssKib the measured JVM's largest resident set by the end, -1 if unknown
 */
record JdbcRun(String what, long rows, double seconds, double secondsToFirstRow, JdbcCpu.Usage cpu, long peakRssKib) {

    double rowsPerSecond() {
        return rows / seconds;
    }

    /** CPU seconds per million rows of the given process's share. */
    double perMillion(double cpuSeconds) {
        return cpuSeconds / rows * 1_000_000;
    }

    /** How many cores a process kept busy on average (CPU seconds over the window). */
    double cores(double cpuSeconds) {
        return cpuSeconds / cpu.seconds();
    }
}

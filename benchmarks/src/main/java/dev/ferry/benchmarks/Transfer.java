package dev.ferry.benchmarks;

/**
 * What a connector moved while the benchmark watched it, from the first record seen to the last.
 *
 * @param records records moved inside the measured window
 * @param seconds wall-clock length of the window
 * @param cpuSeconds worker CPU (user + system) used inside the window
 * @param secondsToFirstRecord from the connector's creation to the first record seen (not in the rate)
 * @param peakRssKib the worker's largest resident set (VmHWM) by the end of the transfer
 */
record Transfer(long records, double seconds, double cpuSeconds, double secondsToFirstRecord, long peakRssKib) {

    double recordsPerSecond() {
        return records / seconds;
    }

    double cpuSecondsPerMillionRecords() {
        return cpuSeconds / records * 1_000_000;
    }
}

package dev.ferry.benchmarks;

import java.time.Duration;

/**
 * Watches a connector move a known number of records and measures the transfer the same way for
 * source and sink.
 *
 * <p>The window opens at the first sample that sees any record and closes at the first sample that
 * sees them all. Connector start-up (task creation, producer metadata, the sink's group join) is
 * before the window, so the rate and CPU describe the steady pipeline and not fixed costs that
 * would shrink as N grows. Records already there at the first sample are left out of the count, so
 * the window's late start does not inflate the rate. Worker CPU is read at the same two samples.
 */
final class TransferWatch {

    /** Reads how many of the records have arrived so far. */
    interface Counter {
        long count() throws Exception;
    }

    /** Sampling period: short against a transfer of a second or more, cheap for the counters used. */
    private static final long SAMPLE_MILLIS = 10;

    private final ProcStats stats;
    private final long workerPid;

    TransferWatch(ProcStats stats, long workerPid) {
        this.stats = stats;
        this.workerPid = workerPid;
    }

    /**
     * Samples {@code counter} until it reaches {@code target}.
     *
     * @param createdAtNanos when the connector was created, for the time to the first record
     * @param firstRecordTimeout how long the connector may take to deliver its first record
     * @param stallTimeout how long the count may stay unchanged before the transfer is declared stuck
     */
    Transfer watch(String what, long target, Counter counter, long createdAtNanos, Duration firstRecordTimeout,
            Duration stallTimeout) throws Exception {
        long count = counter.count();
        while (count == 0) {
            if (System.nanoTime() - createdAtNanos > firstRecordTimeout.toNanos()) {
                throw new IllegalStateException(what + ": no record arrived within " + firstRecordTimeout
                        + " of creating the connector");
            }
            WorkerProcess.sleep(SAMPLE_MILLIS);
            count = counter.count();
        }
        long startNanos = System.nanoTime();
        double startCpu = stats.cpuSeconds(workerPid);
        long startCount = count;

        long lastChangeNanos = startNanos;
        long last = count;
        while (count < target) {
            WorkerProcess.sleep(SAMPLE_MILLIS);
            count = counter.count();
            long now = System.nanoTime();
            if (count != last) {
                last = count;
                lastChangeNanos = now;
            } else if (now - lastChangeNanos > stallTimeout.toNanos()) {
                throw new IllegalStateException(what + ": stuck at " + count + " of " + target
                        + " records for " + stallTimeout);
            }
        }
        long endNanos = System.nanoTime();
        double endCpu = stats.cpuSeconds(workerPid);
        return new Transfer(count - startCount, (endNanos - startNanos) / 1e9, endCpu - startCpu,
                (startNanos - createdAtNanos) / 1e9, stats.peakRssKib(workerPid));
    }
}

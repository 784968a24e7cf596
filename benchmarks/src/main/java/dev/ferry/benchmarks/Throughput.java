package dev.ferry.benchmarks;

/** Records moved by a plain Kafka client and the wall-clock seconds it took. */
record Throughput(long records, double seconds) {

    double recordsPerSecond() {
        return records / seconds;
    }
}

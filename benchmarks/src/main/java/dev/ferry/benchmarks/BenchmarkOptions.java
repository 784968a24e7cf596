package dev.ferry.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link PipelineBenchmark}. {@code benchmarks/run} supplies the paths; a user
 * normally sets only {@code --records}.
 *
 * @param parts which parts run: the standalone pipeline, the distributed cluster, or both
 * @param records lines each phase moves (the N of the benchmark)
 * @param startupRuns worker starts to take the start-up and idle-memory medians over
 * @param idleSeconds how long a started worker sits idle before its RSS is read
 * @param transferPairs runs of each connector transfer with per-record metrics on, and as many off
 * @param clusterRuns runs of each cluster join and handover figure
 * @param connectorRuns runs of the new-connector-to-RUNNING figure
 * @param dist the built distribution (ferry-dist/target/ferry)
 * @param launcher the {@code ferry} launcher script that starts the worker
 * @param workDir scratch space, emptied at the start of a run
 * @param results where the JSON results go
 */
record BenchmarkOptions(Set<Part> parts, int records, int startupRuns, int idleSeconds, int transferPairs,
        int clusterRuns,
        int connectorRuns, Path dist, Path launcher, Path workDir, Path results) {

    /** The two halves of the benchmark, which {@code --only} chooses between. */
    enum Part {
        /** One standalone worker at a time: start-up, memory, source and sink throughput. */
        PIPELINE,
        /** Distributed mode: joins, connector start, failover and handover in a 3-worker cluster. */
        CLUSTER
    }

    static final String USAGE = """
            Usage: benchmarks/run [--only pipeline|cluster] [--records N] [--startup-runs N] [--idle-seconds S]
                                  [--transfer-pairs N] [--cluster-runs N] [--connector-runs N]
              --only PART        run only the standalone pipeline part or only the distributed cluster part
                                 (default: both)
              --records N        lines moved by each throughput phase (default 1000000)
              --startup-runs N   worker starts for the start-up and idle-RSS medians (default 5)
              --idle-seconds S   idle time before the worker's RSS is read (default 5)
              --transfer-pairs N runs of the source and of the sink with per-record metrics on, and as many
                                 with them off, alternating (default 3)
              --cluster-runs N   runs of each cluster join, kill -9 failover and SIGTERM handover (default 3)
              --connector-runs N runs of the 4-task connector start on the cluster (default 5)
            Paths (set by benchmarks/run): --dist DIR --launcher FILE --work-dir DIR --results FILE
            The worker runs with the launcher's JVM options; FERRY_HEAP_OPTS and FERRY_OPTS change them.""";

    /** The same options with the worker and log directories below {@code workDir}. */
    BenchmarkOptions withWorkDir(Path workDir) {
        return new BenchmarkOptions(parts, records, startupRuns, idleSeconds, transferPairs, clusterRuns, connectorRuns,
                dist, launcher, workDir, results);
    }

    static BenchmarkOptions parse(String[] args) {
        Set<Part> parts = EnumSet.allOf(Part.class);
        int records = 1_000_000;
        int startupRuns = 5;
        int idleSeconds = 5;
        int transferPairs = 3;
        int clusterRuns = 3;
        int connectorRuns = 5;
        Path dist = null;
        Path launcher = null;
        Path workDir = Path.of("benchmarks", "target", "run");
        Path results = Path.of("benchmarks", "target", "results.json");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value.\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--only" -> parts = EnumSet.of(part(value));
                case "--records" -> records = positive(name, value);
                case "--startup-runs" -> startupRuns = positive(name, value);
                case "--idle-seconds" -> idleSeconds = positive(name, value);
                case "--transfer-pairs" -> transferPairs = positive(name, value);
                case "--cluster-runs" -> clusterRuns = positive(name, value);
                case "--connector-runs" -> connectorRuns = positive(name, value);
                case "--dist" -> dist = Path.of(value);
                case "--launcher" -> launcher = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--results" -> results = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + name + ".\n" + USAGE);
            }
        }
        if (dist == null || !Files.isDirectory(dist.resolve("lib"))) {
            throw new IllegalArgumentException("--dist must name a built distribution with a lib/ directory (got "
                    + dist + "); build it with ./mvnw -DskipTests install -pl ferry-dist -am, or use benchmarks/run");
        }
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--launcher must name the executable ferry launcher script (got "
                    + launcher + ")");
        }
        if (records > 999_999_999) {
            throw new IllegalArgumentException("--records is at most 999999999 (the lines number records in nine "
                    + "digits); got " + records);
        }
        return new BenchmarkOptions(Set.copyOf(parts), records, startupRuns, idleSeconds, transferPairs, clusterRuns, connectorRuns,
                dist.toAbsolutePath(),
                launcher.toAbsolutePath(), workDir.toAbsolutePath(), results.toAbsolutePath());
    }

    boolean runs(Part part) {
        return parts.contains(part);
    }

    private static Part part(String value) {
        try {
            return Part.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--only takes pipeline or cluster; got '" + value + "'");
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a positive whole number; got '" + value + "'");
    }
}

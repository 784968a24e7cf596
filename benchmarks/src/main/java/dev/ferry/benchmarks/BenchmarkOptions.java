package dev.ferry.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line of {@link PipelineBenchmark}. {@code benchmarks/run} supplies the paths; a user
 * normally sets only {@code --records}.
 *
 * @param records lines each phase moves (the N of the benchmark)
 * @param startupRuns worker starts to take the start-up and idle-memory medians over
 * @param idleSeconds how long a started worker sits idle before its RSS is read
 * @param dist the built distribution (ferry-dist/target/ferry)
 * @param launcher the {@code ferry} launcher script that starts the worker
 * @param workDir scratch space, emptied at the start of a run
 * @param results where the JSON results go
 */
record BenchmarkOptions(int records, int startupRuns, int idleSeconds, Path dist, Path launcher, Path workDir,
        Path results) {

    static final String USAGE = """
            Usage: benchmarks/run [--records N] [--startup-runs N] [--idle-seconds S]
              --records N        lines moved by each throughput phase (default 1000000)
              --startup-runs N   worker starts for the start-up and idle-RSS medians (default 5)
              --idle-seconds S   idle time before the worker's RSS is read (default 5)
            Paths (set by benchmarks/run): --dist DIR --launcher FILE --work-dir DIR --results FILE
            The worker runs with the launcher's JVM options; FERRY_HEAP_OPTS and FERRY_OPTS change them.""";

    static BenchmarkOptions parse(String[] args) {
        int records = 1_000_000;
        int startupRuns = 5;
        int idleSeconds = 5;
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
                case "--records" -> records = positive(name, value);
                case "--startup-runs" -> startupRuns = positive(name, value);
                case "--idle-seconds" -> idleSeconds = positive(name, value);
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
        return new BenchmarkOptions(records, startupRuns, idleSeconds, dist.toAbsolutePath(),
                launcher.toAbsolutePath(), workDir.toAbsolutePath(), results.toAbsolutePath());
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

package dev.ferry.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line of {@link JdbcBenchmark} ({@code benchmarks/run jdbc}); the script supplies the paths.
 *
 * @param rows rows in the source table, and so in every transfer
 * @param pairs how often each connector and its ceiling are measured, in alternating order
 * @param batchMaxRows the source's {@code batch.max.rows}, also the fetch size of the connector and the ceiling
 * @param batchSize the sink's {@code batch.size} the sink ceiling uses (the connector keeps its default)
 * @param only {@code source}, {@code sink} or null for both
 * @param profile whether workers and ceilings record a JFR profile into their directories
 */
record JdbcOptions(int rows, int pairs, int batchMaxRows, int batchSize, String only, boolean profile, Path dist,
        Path launcher, Path workDir, Path results) {

    static final String USAGE = """
            Usage: benchmarks/run jdbc [--rows N] [--pairs N] [--batch-max-rows N] [--only source|sink] [--profile]
              --rows N            rows in the PostgreSQL table each transfer moves (default 1000000)
              --pairs N           measurements of each connector and of its ceiling, alternating which goes first
                                  (default 1)
              --batch-max-rows N  the source's batch.max.rows, which is also its fetch size; the ceiling fetches
                                  as many (default 1000)
              --batch-size N      rows per JDBC batch and transaction of the sink ceiling; the sink connector
                                  runs with its batch.size default, Confluent's 3000 (default 3000)
              --only PART         only the source or only the sink side
              --profile           record a JFR profile of every worker and ceiling (recording.jfr in its
                                  directory); read it with dev.ferry.benchmarks.JdbcProfile
            Paths (set by benchmarks/run): --dist DIR --launcher FILE --work-dir DIR --results FILE""";

    boolean runs(String side) {
        return only == null || only.equals(side);
    }

    static JdbcOptions parse(String[] args) {
        int rows = 1_000_000;
        int pairs = 1;
        int batchMaxRows = 1000;
        int batchSize = 3000;
        String only = null;
        boolean profile = false;
        Path dist = null;
        Path launcher = null;
        Path workDir = Path.of("benchmarks", "target", "run");
        Path results = Path.of("benchmarks", "target", "jdbc-results.json");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (name.equals("--profile")) {
                profile = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value.\n" + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--rows" -> rows = positive(name, value);
                case "--pairs" -> pairs = positive(name, value);
                case "--batch-max-rows" -> batchMaxRows = positive(name, value);
                case "--batch-size" -> batchSize = positive(name, value);
                case "--only" -> {
                    if (!value.equals("source") && !value.equals("sink")) {
                        throw new IllegalArgumentException("--only takes source or sink; got '" + value + "'");
                    }
                    only = value;
                }
                case "--dist" -> dist = Path.of(value);
                case "--launcher" -> launcher = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--results" -> results = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + name + ".\n" + USAGE);
            }
        }
        if (dist == null || !Files.isDirectory(dist.resolve("plugins"))) {
            throw new IllegalArgumentException("--dist must name a built distribution (got " + dist
                    + "); use benchmarks/run jdbc, which builds it");
        }
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--launcher must name the executable ferry launcher script (got "
                    + launcher + ")");
        }
        return new JdbcOptions(rows, pairs, batchMaxRows, batchSize, only, profile, dist.toAbsolutePath(),
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

package dev.ferry.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link DensityBenchmark}; {@code benchmarks/run} supplies the paths.
 *
 * @param connectors quiet connectors created one by one on each worker
 * @param tasksPerConnector their {@code tasks.max}
 * @param idleSeconds how long a worker sits idle before its RSS and threads are read
 * @param clients concurrent REST clients
 * @param readSeconds how long the clients read {@code GET /connectors?expand=status}
 * @param loadCreates connectors the clients then create between them
 * @param moveRate records per second the moving connector sends throughout
 * @param runs turns of each runtime, alternating which goes first
 * @param runtimes which runtimes run
 */
record DensityOptions(int connectors, int tasksPerConnector, int idleSeconds, int clients, int readSeconds,
        int loadCreates, int moveRate, int runs, List<StandaloneRuntime> runtimes,
        StandaloneRuntime.Installs installs, Path workDir, Path pluginPath, Path results) {

    static final String USAGE = """
            Usage: benchmarks/run density [--connectors N] [--tasks-per-connector N] [--idle-seconds S] [--clients N]
                                          [--read-seconds S] [--load-creates N] [--move-rate R] [--runs N]
                                          [--runtimes apache,ferry]
              --connectors N          quiet connectors created one by one on each worker (default 200)
              --tasks-per-connector N their tasks.max (default 5: 1,000 tasks)
              --idle-seconds S        idle time before RSS and threads are read (default 15)
              --clients N             concurrent REST clients (default 20)
              --read-seconds S        time the clients read GET /connectors?expand=status (default 20)
              --load-creates N        connectors the clients then create concurrently (default 100)
              --move-rate R           records/s the moving connector sends throughout (default 2000)
              --runs N                turns of each runtime, alternating which goes first (default 1)
              --runtimes LIST         apache,ferry (default both; ratios need both)
            Paths (set by benchmarks/run): --dist DIR --launcher FILE --apache-lib DIR --work-dir DIR --results FILE""";

    static DensityOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Unexpected argument " + args[i] + ".\n" + USAGE);
            }
            given.put(args[i], args[++i]);
        }
        List<StandaloneRuntime> runtimes = new ArrayList<>();
        for (String name : given.getOrDefault("--runtimes", "apache,ferry").split(",")) {
            runtimes.add(StandaloneRuntime.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        Path workDir = Path.of(required(given, "--work-dir")).resolve("density");
        return new DensityOptions(number(given, "--connectors", 200), number(given, "--tasks-per-connector", 5),
                number(given, "--idle-seconds", 15), number(given, "--clients", 20), number(given, "--read-seconds", 20),
                number(given, "--load-creates", 100), number(given, "--move-rate", 2000), number(given, "--runs", 1),
                List.copyOf(runtimes), new StandaloneRuntime.Installs(Path.of(required(given, "--launcher")),
                        Path.of(required(given, "--dist")), Path.of(required(given, "--apache-lib"))),
                workDir, workDir.resolve("plugins"), Path.of(required(given, "--results")));
    }

    private static int number(Map<String, String> given, String key, int fallback) {
        String value = given.remove(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1 && !key.equals("--move-rate")) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a whole number above 0, not " + value + ".\n" + USAGE);
        }
    }

    private static String required(Map<String, String> given, String key) {
        String value = given.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + key + " (benchmarks/run sets it).\n" + USAGE);
        }
        return value;
    }
}

package dev.ferry.benchmarks;

import dev.ferry.benchmarks.JdbcTransfers.Mode;
import dev.ferry.benchmarks.JdbcTransfers.Pipeline;
import dev.ferry.testkit.db.PostgresServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Ferry's JDBC source and sink connectors against PostgreSQL, each against a hand-written ceiling measured in the
 * same run ({@code ./benchmarks/run jdbc}; benchmarks/README.md, "JDBC connectors"). A real PostgreSQL (the test
 * kit's, from the machine's packages), the broker and the schema registry each run as their own processes. The
 * table of {@code --rows} rows is made by the database itself; then, {@code --pairs} times, alternating which goes
 * first: the source connector in {@code bulk} and in {@code incrementing} mode and their ceilings (a plain JDBC read
 * with the same fetch size into a plain producer), and the sink connector and its ceiling (a plain consumer into
 * JDBC batch inserts). It prints rows/s, CPU per 1M rows of the JVM, of PostgreSQL and of the broker, and the
 * connector/ceiling ratios, and writes them to jdbc-results.json.
 *
 * <p>Exit status 0 when every transfer produced its figures (targets met or not), 1 when one failed, 2 for a bad
 * command line.
 */
public final class JdbcBenchmark {

    private JdbcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JdbcOptions options;
        try {
            options = JdbcOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "benchmark-cleanup"));
        System.exit(new JdbcBenchmark().run(options, System.out) ? 0 : 1);
    }

    private boolean run(JdbcOptions options, PrintStream progress) throws Exception {
        Path work = options.workDir().resolve("jdbc");
        PipelineBenchmark.deleteRecursively(work);
        Files.createDirectories(work);
        long began = System.nanoTime();
        JdbcResults results = new JdbcResults(options);
        Phases phases = new Phases(progress, results.failures);
        ProcStats stats = ProcStats.forThisMachine();
        String password = "bench-" + Long.toHexString(System.nanoTime());
        progress.printf("Starting PostgreSQL, the broker and the registry (logs in %s)%n", work);
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker.log"));
             RegistryLauncher registry = RegistryLauncher.start(options.launcher(), options.dist(), work,
                     broker.bootstrapServers());
             PostgresServer postgres = PostgresServer.start(work.resolve("postgres"), password)) {
            String bootstrap = broker.bootstrapServers();
            double load = JdbcTable.load(postgres.jdbcUrl(), postgres.user(), password, options.rows());
            results.loadSeconds = load;
            progress.printf("Loaded %,d rows into %s in %.1f s%n", options.rows(), JdbcTable.SOURCE_TABLE, load);
            createTopics(bootstrap, options.pairs());
            JdbcTransfers transfers = new JdbcTransfers(options, work, bootstrap, registry.url(), postgres.jdbcUrl(),
                    postgres.user(), password, new JdbcWatch(new JdbcCpu(stats, broker.pid())), progress);
            // Also the warm-up of the broker (a fresh JVM: its first million records cost it twice the CPU of
            // the next, which made whichever transfer came first slower), the registry and the table's pages.
            boolean sinkInput = phases.run("sink input and broker warm-up", transfers::fillSinkInput);
            if (options.runs("source")) {
                source(options, transfers, phases, results);
            }
            if (options.runs("sink") && sinkInput) {
                sink(options, transfers, phases, results);
            }
        } catch (Exception e) {
            results.failures.put("set-up", e.toString());
            progress.println("set-up FAILED: " + e);
        }
        results.minutes = (System.nanoTime() - began) / 60e9;
        results.print(progress);
        results.write(options.results());
        progress.println("Results: " + options.results());
        return results.failures.isEmpty();
    }

    private static void source(JdbcOptions options, JdbcTransfers transfers, Phases phases, JdbcResults results) {
        for (int pair = 1; pair <= options.pairs(); pair++) {
            for (Mode mode : Mode.values()) {
                List<Pipeline> order = order(pair);
                for (Pipeline pipeline : order) {
                    int p = pair;
                    String name = "source " + mode.label() + " " + pipeline.label() + " " + pair;
                    phases.run(name, () -> results.add("source " + mode.label(), pipeline,
                            pipeline == Pipeline.CEILING ? transfers.sourceCeiling(mode, p)
                                    : transfers.sourceConnector(mode, p)));
                }
                Boolean same = transfers.sameValueBytes(mode, pair);
                if (same != null) {
                    results.sameBytes.put(mode.label() + " " + pair, same);
                }
            }
        }
    }

    private static void sink(JdbcOptions options, JdbcTransfers transfers, Phases phases, JdbcResults results) {
        for (int pair = 1; pair <= options.pairs(); pair++) {
            for (Pipeline pipeline : order(pair)) {
                int p = pair;
                phases.run("sink " + pipeline.label() + " " + pair, () -> results.add("sink", pipeline,
                        pipeline == Pipeline.CEILING ? transfers.sinkCeiling(p)
                                : transfers.sinkConnector(p, results.sinkColumns)));
            }
        }
    }

    /** Ceiling first in odd pairs, connector first in even ones, so a drifting machine favours neither. */
    private static List<Pipeline> order(int pair) {
        return pair % 2 == 1 ? List.of(Pipeline.CEILING, Pipeline.CONNECTOR)
                : List.of(Pipeline.CONNECTOR, Pipeline.CEILING);
    }

    private static void createTopics(String bootstrap, int pairs) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(JdbcTransfers.SINK_INPUT_TOPIC, 1, (short) 1));
        for (int pair = 1; pair <= pairs; pair++) {
            for (Mode mode : Mode.values()) {
                for (Pipeline pipeline : Pipeline.values()) {
                    for (int pass = 0; pass < JdbcTransfers.PASSES; pass++) {
                        topics.add(new NewTopic(JdbcTransfers.sourceTopic(mode, pipeline, pair, pass), 1, (short) 1));
                    }
                }
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the benchmark topics: " + e, e);
        }
    }
}

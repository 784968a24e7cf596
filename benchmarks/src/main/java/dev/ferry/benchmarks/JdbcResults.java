package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.benchmarks.JdbcTransfers.Pipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The JDBC benchmark's figures: every transfer, per transfer kind ({@code source bulk}, {@code source
 * incrementing}, {@code sink}) the medians of the ceiling's and the connector's runs and the connector/ceiling rate
 * ratio against its target, printed as a table, as Markdown rows in RESULTS.md's style, and as JSON.
 */
final class JdbcResults {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ROW = "%-26s %-10s %10s %9s %9s %9s %7s %7s %7s %7s  %s%n";

    private final JdbcOptions options;
    private final Map<String, Map<Pipeline, List<JdbcRun>>> runs = new LinkedHashMap<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    final Map<String, Boolean> sameBytes = new LinkedHashMap<>();
    final List<String> sinkColumns = new ArrayList<>();
    double loadSeconds;
    double minutes;

    JdbcResults(JdbcOptions options) {
        this.options = options;
    }

    /** Adds one JVM's transfers: the first is the fresh one, the second the warm one. */
    void add(String transfer, Pipeline pipeline, List<JdbcRun> passes) {
        for (int pass = 0; pass < passes.size(); pass++) {
            runs.computeIfAbsent(transfer + JdbcTransfers.passName(pass), t -> new EnumMap<>(Pipeline.class))
                    .computeIfAbsent(pipeline, p -> new ArrayList<>()).add(passes.get(pass));
        }
    }

    /** The target of a transfer's ratio: the 80% for a source, 70% for the sink. */
    static double target(String transfer) {
        return transfer.startsWith("source") ? 0.8 : 0.7;
    }

    private Double median(String transfer, Pipeline pipeline, ToDoubleFunction<JdbcRun> figure) {
        List<JdbcRun> list = runs.getOrDefault(transfer, Map.of()).get(pipeline);
        if (list == null || list.isEmpty()) {
            return null;
        }
        double[] values = list.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private Double ratio(String transfer) {
        Double ceiling = median(transfer, Pipeline.CEILING, JdbcRun::rowsPerSecond);
        Double connector = median(transfer, Pipeline.CONNECTOR, JdbcRun::rowsPerSecond);
        return ceiling == null || connector == null ? null : connector / ceiling;
    }

    void print(PrintStream out) {
        out.printf("%nFerry JDBC connectors vs their ceilings, PostgreSQL; %,d rows, median of %d run(s) each; "
                        + "source batch.max.rows = fetch size = %d; sink ceiling %d rows per batch and transaction, "
                        + "connector batch.size default; values AvroConverter; %s%n", options.rows(), options.pairs(),
                options.batchMaxRows(), options.batchSize(), environment());
        out.printf(ROW, "transfer", "pipeline", "rows/s", "JVM s/1M", "PG s/1M", "brk s/1M", "JVM", "PG",
                "PG max", "machine", "busiest JVM threads (cores)");
        out.printf(ROW, "", "", "", "", "", "", "cores", "cores", "cores", "cores", "");
        for (String transfer : runs.keySet()) {
            for (Pipeline pipeline : Pipeline.values()) {
                List<JdbcRun> list = runs.get(transfer).get(pipeline);
                if (list == null || list.isEmpty()) {
                    out.printf(ROW, transfer, pipeline.label(), "failed", "", "", "", "", "", "", "", "");
                    continue;
                }
                JdbcRun last = list.get(list.size() - 1);
                out.printf(ROW, transfer, pipeline.label(),
                        String.format("%,.0f", median(transfer, pipeline, JdbcRun::rowsPerSecond)),
                        String.format("%.2f", median(transfer, pipeline, r -> r.perMillion(r.cpu().measured()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.perMillion(r.cpu().postgres()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.perMillion(r.cpu().broker()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.cores(r.cpu().measured()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.cores(r.cpu().postgres()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.cores(r.cpu().busiestBackend()))),
                        String.format("%.2f", median(transfer, pipeline, r -> r.cores(r.cpu().machine()))),
                        JdbcCpu.top(last.cpu().threads(), 4, last.cpu().seconds()));
            }
            Double ratio = ratio(transfer);
            Double cpuRatio = cpuRatio(transfer);
            out.printf("%-26s %-10s %10s   (target >= %.2f: %s)%s%n", transfer, "ratio",
                    ratio == null ? "failed" : String.format("%.2f", ratio), target(transfer),
                    ratio == null ? "no figure" : ratio >= target(transfer) ? "met" : "MISSED",
                    cpuRatio == null ? "" : String.format("; JVM CPU per row connector/ceiling %.2f", cpuRatio));
        }
        if (!sameBytes.isEmpty()) {
            out.println("same Avro value bytes from connector and ceiling (first row): " + sameBytes);
        }
        if (!sinkColumns.isEmpty()) {
            out.println("sink table made by auto.create: " + sinkColumns);
        }
        out.printf("%nAs rows for RESULTS.md:%n%n");
        out.println("| transfer | ceiling rows/s | connector rows/s | ratio (target) | JVM CPU per 1M rows, ceiling / "
                + "worker | PostgreSQL CPU per 1M rows, ceiling / connector | cores busy, worker / PostgreSQL |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String transfer : runs.keySet()) {
            Double ratio = ratio(transfer);
            out.printf("| %s | %s | %s | %s (>= %.2f) | %s / %s s | %s / %s s | %s / %s |%n", transfer,
                    fmt(median(transfer, Pipeline.CEILING, JdbcRun::rowsPerSecond), "%,.0f"),
                    fmt(median(transfer, Pipeline.CONNECTOR, JdbcRun::rowsPerSecond), "%,.0f"),
                    ratio == null ? "failed" : String.format("**%.2f**", ratio), target(transfer),
                    fmt(median(transfer, Pipeline.CEILING, r -> r.perMillion(r.cpu().measured())), "%.2f"),
                    fmt(median(transfer, Pipeline.CONNECTOR, r -> r.perMillion(r.cpu().measured())), "%.2f"),
                    fmt(median(transfer, Pipeline.CEILING, r -> r.perMillion(r.cpu().postgres())), "%.2f"),
                    fmt(median(transfer, Pipeline.CONNECTOR, r -> r.perMillion(r.cpu().postgres())), "%.2f"),
                    fmt(median(transfer, Pipeline.CONNECTOR, r -> r.cores(r.cpu().measured())), "%.2f"),
                    fmt(median(transfer, Pipeline.CONNECTOR, r -> r.cores(r.cpu().postgres())), "%.2f"));
        }
        if (!failures.isEmpty()) {
            out.println();
            failures.forEach((phase, why) -> out.println("FAILED " + phase + ": " + why));
        }
        out.println();
    }

    private Double cpuRatio(String transfer) {
        Double ceiling = median(transfer, Pipeline.CEILING, r -> r.perMillion(r.cpu().measured()));
        Double connector = median(transfer, Pipeline.CONNECTOR, r -> r.perMillion(r.cpu().measured()));
        return ceiling == null || connector == null ? null : connector / ceiling;
    }

    private static String fmt(Double value, String format) {
        return value == null ? "failed" : String.format(format, value);
    }

    private static String environment() {
        return String.format("%d CPUs, Java %s, commit %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("ferry.benchmark.commit", "unknown"));
    }

    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("rows", options.rows());
        root.put("pairs", options.pairs());
        root.put("batchMaxRows", options.batchMaxRows());
        root.put("fetchSize", options.batchMaxRows());
        root.put("ceilingSinkBatchSize", options.batchSize());
        root.put("valueConverter", "io.confluent.connect.avro.AvroConverter (Ferry's)");
        root.put("environment", environment());
        root.put("workerOptions", System.getenv().getOrDefault("FERRY_OPTS", "") + " "
                + System.getenv().getOrDefault("FERRY_HEAP_OPTS", "(launcher default heap)"));
        root.put("loadSeconds", loadSeconds);
        root.put("minutes", minutes);
        ObjectNode transfers = root.putObject("transfers");
        for (String transfer : runs.keySet()) {
            ObjectNode t = transfers.putObject(transfer);
            for (Pipeline pipeline : Pipeline.values()) {
                List<JdbcRun> list = runs.get(transfer).get(pipeline);
                if (list == null) {
                    continue;
                }
                ObjectNode p = t.putObject(pipeline.label());
                p.put("medianRowsPerSecond", median(transfer, pipeline, JdbcRun::rowsPerSecond));
                p.put("medianJvmCpuSecondsPer1M", median(transfer, pipeline, r -> r.perMillion(r.cpu().measured())));
                p.put("medianPostgresCpuSecondsPer1M",
                        median(transfer, pipeline, r -> r.perMillion(r.cpu().postgres())));
                ArrayNode array = p.putArray("runs");
                list.forEach(run -> array.add(run(run)));
            }
            Double ratio = ratio(transfer);
            if (ratio != null) {
                t.put("ratio", ratio);
                t.put("target", target(transfer));
                t.put("met", ratio >= target(transfer));
            }
            Double cpuRatio = cpuRatio(transfer);
            if (cpuRatio != null) {
                t.put("jvmCpuPerRowConnectorToCeiling", cpuRatio);
            }
        }
        ObjectNode same = root.putObject("sameValueBytes");
        sameBytes.forEach(same::put);
        ArrayNode columns = root.putArray("sinkAutoCreatedColumns");
        sinkColumns.forEach(columns::add);
        ObjectNode failed = root.putObject("failures");
        failures.forEach(failed::put);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    private static ObjectNode run(JdbcRun run) {
        ObjectNode node = JSON.createObjectNode();
        node.put("rows", run.rows());
        node.put("seconds", run.seconds());
        node.put("rowsPerSecond", run.rowsPerSecond());
        node.put("secondsToFirstRow", run.secondsToFirstRow());
        node.put("jvmCpuSeconds", run.cpu().measured());
        node.put("jvmCpuSecondsPer1M", run.perMillion(run.cpu().measured()));
        node.put("postgresCpuSecondsPer1M", run.perMillion(run.cpu().postgres()));
        node.put("brokerCpuSecondsPer1M", run.perMillion(run.cpu().broker()));
        node.put("jvmCores", run.cores(run.cpu().measured()));
        node.put("postgresCores", run.cores(run.cpu().postgres()));
        node.put("busiestPostgresProcessCores", run.cores(run.cpu().busiestBackend()));
        node.put("machineCores", run.cores(run.cpu().machine()));
        node.put("peakRssKib", run.peakRssKib());
        ObjectNode threads = node.putObject("jvmThreadCores");
        run.cpu().threads().entrySet().stream().limit(10)
                .forEach(e -> threads.put(e.getKey(), e.getValue() / run.cpu().seconds()));
        return node;
    }
}

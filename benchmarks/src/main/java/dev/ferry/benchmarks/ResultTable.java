package dev.ferry.benchmarks;

import dev.ferry.benchmarks.BenchmarkOptions.Part;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The human-readable report: one row per figure, Ferry's value next to Apache 4.3.1's and Ferry's
 * target where there is one, then why any phase failed. The same figures go to results.json.
 * Only the parts that were run are shown.
 */
final class ResultTable {
    private static final String ROW = "%-54s %16s %14s %24s  %s%n";

    private record Row(String figure, String ferry, String apache, String target, String verdict) {
    }

    private ResultTable() {
    }

    static void print(BenchmarkResults r, String environment, PrintStream out) {
        out.println();
        out.println("Ferry benchmark; " + environment);
        if (r.parts.contains(Part.PIPELINE)) {
            out.printf("%nPipeline (standalone): %,d records of %d bytes%n", r.records, r.lineBytes);
            table(rows(r), out);
            metrics(r, out);
        }
        if (r.parts.contains(Part.CLUSTER)) {
            out.printf("%nCluster (distributed, 3 workers, Apache's default group settings)%s%n",
                    r.cluster == null ? "" : r.cluster.cdsArchive ? "; workers mapped the AppCDS archive"
                            : "; no AppCDS archive (none recorded yet by a standalone run)");
            table(clusterRows(r), out);
            if (r.cluster != null && !r.cluster.notes.isEmpty()) {
                r.cluster.notes.forEach(note -> out.println("note: " + note));
            }
        }
        if (!r.failures.isEmpty()) {
            out.println();
            r.failures.forEach((phase, why) -> out.println("FAILED " + phase + ": " + why));
        }
        out.println();
    }

    private static void table(List<Row> rows, PrintStream out) {
        out.printf(ROW, "figure", "Ferry", "Apache 4.3.1", "Ferry target", "");
        out.printf(ROW, "-".repeat(54), "-".repeat(16), "-".repeat(14), "-".repeat(24), "------");
        for (Row row : rows) {
            out.printf(ROW, row.figure, row.ferry, row.apache, row.target, row.verdict);
        }
    }

    private static List<Row> clusterRows(BenchmarkResults r) {
        ClusterFigures c = r.cluster == null ? new ClusterFigures() : r.cluster;
        List<Row> rows = new ArrayList<>();
        rows.add(seconds("first worker: start to REST up", c.medianFirstWorkerRest(), c.firstWorker.size()));
        rows.add(seconds("first worker: start to healthy", c.medianFirstWorkerHealthy(), c.firstWorker.size()));
        rows.add(seconds("3rd worker joining 2: start to REST up", c.medianJoiningWorkerRest(),
                c.joiningWorker.size()));
        rows.add(seconds("3rd worker joining 2: start to healthy", c.medianJoiningWorkerHealthy(),
                c.joiningWorker.size()));
        rows.add(seconds("4-task connector: POST to RUNNING", c.medianConnectorRunning(),
                c.connectorRunningSeconds.size()));
        Goal failover = goal("killFailoverSeconds");
        rows.add(goalRow(failover, r, "failover after kill -9 (median of " + c.kills.size() + ")"));
        rows.add(seconds("handover after SIGTERM", c.medianTermHandover(), c.terms.size()));
        rows.add(seconds("SIGTERM to process exit", c.medianTermExit(), c.terms.size()));
        return rows;
    }

    private static Row seconds(String figure, Double median, int runs) {
        return new Row(figure + " (median of " + runs + ")", median == null ? "failed" : Goal.Unit.SECONDS.format(median),
                "", "", "");
    }

    private static List<Row> rows(BenchmarkResults r) {
        List<Row> rows = new ArrayList<>();
        Goal start = goal("startSeconds");
        Goal rss = goal("idleRssMb");
        String median = r.startup == null ? "median" : "median of " + r.startup.readySeconds().size();
        rows.add(goalRow(start, r, start.figure().replace("median", median)));
        rows.add(goalRow(rss, r, rss.figure().replace("median", median)));
        rows.add(info("raw producer (acks=all, 1 in flight)", r, x -> rate(x.rawProducer)));
        rows.add(info("raw consumer", r, x -> rate(x.rawConsumer)));
        rows.add(info("source: FileStreamSource -> topic", r, x -> x.source == null ? null
                : Goal.Unit.RECORDS_PER_SECOND.format(x.source.recordsPerSecond())));
        rows.add(goalRow(goal("sourceToRawProducer"), r, null));
        rows.add(goalRow(goal("sourceCpuSecondsPer1M"), r, null));
        rows.add(info("source: worker peak RSS", r, x -> x.source == null ? null
                : Goal.Unit.MEBIBYTES.format(x.source.peakRssKib() / 1024.0)));
        rows.addAll(warmRows("source", r.sourceWarm));
        rows.add(goalRow(goal("sinkRecordsPerSecond"), r, "sink: topic -> FileStreamSink"));
        rows.add(info("sink rate / raw consumer rate", r, x -> x.sinkToRawConsumer() == null ? null
                : Goal.Unit.PERCENT.format(x.sinkToRawConsumer())));
        rows.add(goalRow(goal("sinkCpuSecondsPer1M"), r, null));
        rows.add(info("sink: worker peak RSS", r, x -> x.sink == null ? null
                : Goal.Unit.MEBIBYTES.format(x.sink.peakRssKib() / 1024.0)));
        rows.addAll(warmRows("sink", r.sinkWarm));
        rows.add(goalRow(goal("metricsOverhead"), r, null));
        return rows;
    }

    /** The steady state: the same worker's second transfer (see {@link WorkerRun}). */
    private static List<Row> warmRows(String connector, Transfer warm) {
        return List.of(
                new Row(connector + ", warm worker: rate", warm == null ? "failed"
                        : Goal.Unit.RECORDS_PER_SECOND.format(warm.recordsPerSecond()), "", "", ""),
                new Row(connector + ", warm worker: CPU per 1M records", warm == null ? "failed"
                        : Goal.Unit.CPU_SECONDS_PER_MILLION.format(warm.cpuSecondsPerMillionRecords()), "", "", ""));
    }

    private static Row goalRow(Goal goal, BenchmarkResults r, String label) {
        Double value = goal.measured().apply(r);
        String target = goal.targetText();
        if (goal.key().equals("sinkRecordsPerSecond")) {
            target = target + " (1.5x)";
        }
        return new Row(label == null ? goal.figure() : label, value == null ? "failed" : goal.unit().format(value),
                goal.apache() == null ? "" : goal.unit().format(goal.apache()), target,
                value == null ? "" : goal.met(value) ? "met" : "MISSED");
    }

    /**
     * What per-record metrics cost each connector: the medians of the warm transfers with metrics
     * on and off and their relative difference. The pipeline table's source and sink rows are the
     * fresh metrics-on transfer with the median rate.
     */
    private static void metrics(BenchmarkResults r, PrintStream out) {
        out.printf("%nPer-record metrics on vs off (-Dferry.metrics.records; warm transfers, medians of the workers, "
                + "alternating order; cost = on vs off)%n");
        out.printf(METRICS_ROW, "figure", "metrics on", "metrics off", "cost", "spread on / off");
        out.printf(METRICS_ROW, "-".repeat(40), "-".repeat(16), "-".repeat(16), "-".repeat(8), "-".repeat(16));
        metricsRows(out, "source", r.sourceMetrics);
        metricsRows(out, "sink", r.sinkMetrics);
    }

    private static final String METRICS_ROW = "%-40s %16s %16s %8s %16s%n";

    private static void metricsRows(PrintStream out, String connector, MetricsComparison c) {
        String runs = " (" + c.on.size() + " on, " + c.off.size() + " off)";
        out.printf(METRICS_ROW, connector + " rate" + runs, orFailed(c.medianRate(RecordMetrics.ON),
                Goal.Unit.RECORDS_PER_SECOND), orFailed(c.medianRate(RecordMetrics.OFF), Goal.Unit.RECORDS_PER_SECOND),
                orFailed(c.rateCost(), Goal.Unit.PERCENT),
                spreads(c.rateSpread(RecordMetrics.ON), c.rateSpread(RecordMetrics.OFF)));
        out.printf(METRICS_ROW, connector + " worker CPU per 1M records", orFailed(c.medianCpuPer1M(RecordMetrics.ON),
                Goal.Unit.CPU_SECONDS_PER_MILLION), orFailed(c.medianCpuPer1M(RecordMetrics.OFF),
                Goal.Unit.CPU_SECONDS_PER_MILLION), orFailed(c.cpuCost(), Goal.Unit.PERCENT),
                spreads(c.cpuSpread(RecordMetrics.ON), c.cpuSpread(RecordMetrics.OFF)));
    }

    /** "on / off" spreads of one figure, or "-" when a setting ran fewer than twice. */
    private static String spreads(Double on, Double off) {
        return on == null || off == null ? "-"
                : Goal.Unit.PERCENT.format(on) + " / " + Goal.Unit.PERCENT.format(off);
    }

    private static String orFailed(Double value, Goal.Unit unit) {
        return value == null ? "failed" : unit.format(value);
    }

    private static Row info(String figure, BenchmarkResults r, Function<BenchmarkResults, String> value) {
        String text = value.apply(r);
        return new Row(figure, text == null ? "failed" : text, "", "", "");
    }

    private static String rate(Throughput t) {
        return t == null ? null : Goal.Unit.RECORDS_PER_SECOND.format(t.recordsPerSecond());
    }

    private static Goal goal(String key) {
        return Goal.ALL.stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
    }
}

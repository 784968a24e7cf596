package dev.ferry.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The density benchmark's table: per figure, the median over each runtime's turns, Ferry's as a ratio to
 * Apache's, and the target where it sets one (a ratio, or for read latency and errors an absolute bound).
 */
final class DensityTable {
    /** A row: the figure's key in a turn's map, its label, and its target (null: reported only). */
    private record Row(String key, String label, String unit, Target target) {
    }

    /** A bound on Ferry's ratio to Apache ({@code ratio}) or on Ferry's own value. */
    private record Target(String text, boolean onRatio, boolean atMost, double bound) {
        boolean met(double ferry, double ratio) {
            double value = onRatio ? ratio : ferry;
            return atMost ? value <= bound : value >= bound;
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row("idleRssMiB", "RSS, one moving connector", "MiB", null),
            new Row("loadedRssMiB", "RSS, all connectors idle", "MiB", null),
            new Row("rssKiBPerTask", "RSS per task", "KiB", new Target("ratio <= 0.50", true, true, 0.5)),
            new Row("loadedThreads", "threads, all connectors idle", "", null),
            new Row("threadsPerTask", "threads per task", "", new Target("ratio < 1", true, true, 0.999)),
            new Row("createOneByOneSeconds", "creates one by one, total", "s", null),
            new Row("createsPerSecondOneByOne", "creates one by one", "/s", new Target("ratio >= 3", true, false, 3)),
            new Row("allRunningSeconds", "first create to all RUNNING", "s", null),
            new Row("reads.p50Millis", "expand=status read p50", "ms", null),
            new Row("reads.p99Millis", "expand=status read p99", "ms", new Target("<= 50 ms", false, true, 50)),
            new Row("reads.requestsPerSecond", "expand=status reads", "/s", null),
            new Row("reads.errors", "read errors", "", new Target("0", false, true, 0)),
            new Row("reads.movedRecordsPerSecond", "records moved during reads", "/s", null),
            new Row("creates.p50Millis", "concurrent create p50", "ms", null),
            new Row("creates.p99Millis", "concurrent create p99", "ms", null),
            new Row("creates.requestsPerSecond", "concurrent creates", "/s", null),
            new Row("creates.errors", "create errors", "", new Target("0", false, true, 0)),
            new Row("creates.movedRecordsPerSecond", "records moved during creates", "/s", null),
            new Row("stopSeconds", "SIGTERM to exit", "s", null));

    private final Map<StandaloneRuntime, List<Map<String, Object>>> turns;

    DensityTable(Map<StandaloneRuntime, List<Map<String, Object>>> turns) {
        this.turns = turns;
    }

    /** Whether every turn produced its figures. */
    boolean complete() {
        return turns.values().stream().flatMap(List::stream).noneMatch(t -> t.containsKey("failure"));
    }

    Map<String, Map<String, Double>> medians() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        turns.forEach((runtime, list) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Row row : ROWS) {
                Double v = median(list, row.key());
                if (v != null) {
                    m.put(row.key(), v);
                }
            }
            out.put(runtime.name().toLowerCase(Locale.ROOT), m);
        });
        return out;
    }

    Map<String, Double> ratios() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row row : ROWS) {
            Double ratio = ratio(row.key());
            if (ratio != null) {
                out.put(row.key(), ratio);
            }
        }
        return out;
    }

    void print(PrintStream out, DensityOptions options) {
        out.printf("%nDensity and REST load: %d connectors x %d tasks on one standalone worker, %d REST clients, "
                        + "%d concurrent creates (medians of %d turn(s))%n", options.connectors(),
                options.tasksPerConnector(), options.clients(), options.loadCreates(), options.runs());
        out.printf("%-32s %12s %12s %9s  %-14s %s%n", "figure", "Apache 4.3.1", "Ferry", "ratio", "target", "met");
        for (Row row : ROWS) {
            Double apache = median(turns.getOrDefault(StandaloneRuntime.APACHE, List.of()), row.key());
            Double ferry = median(turns.getOrDefault(StandaloneRuntime.FERRY, List.of()), row.key());
            Double ratio = ratio(row.key());
            String met = "";
            if (row.target() != null && ferry != null && (!row.target().onRatio() || ratio != null)) {
                met = row.target().met(ferry, ratio == null ? Double.NaN : ratio) ? "yes" : "NO";
            }
            out.printf("%-32s %12s %12s %9s  %-14s %s%n", row.label() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")"),
                    format(apache), format(ferry), ratio == null ? "" : String.format(Locale.ROOT, "%.2f", ratio),
                    row.target() == null ? "" : row.target().text(), met);
        }
        turns.forEach((runtime, list) -> list.stream().filter(t -> t.containsKey("failure"))
                .forEach(t -> out.printf("%s FAILED: %s%n", runtime.label,
                        String.valueOf(t.get("failure")).lines().findFirst().orElse(""))));
    }

    private Double ratio(String key) {
        Double apache = median(turns.getOrDefault(StandaloneRuntime.APACHE, List.of()), key);
        Double ferry = median(turns.getOrDefault(StandaloneRuntime.FERRY, List.of()), key);
        return apache == null || ferry == null || apache == 0 ? null : ferry / apache;
    }

    private static Double median(List<Map<String, Object>> list, String key) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> turn : list) {
            if (turn.get(key) instanceof Number n) {
                values.add(n.doubleValue());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        values.sort(Double::compare);
        int mid = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(mid) : (values.get(mid - 1) + values.get(mid)) / 2;
    }

    private static String format(Double value) {
        if (value == null) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}

package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from {@code wrk} (Debian's package), a C load generator that costs the server's two cores far less than
 * a Java client would: the registry benchmark uses it when it is on the PATH. Parses the request rate and the
 * latency percentiles of {@code --latency}.
 */
final class WrkLoad {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private WrkLoad() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (new java.io.File(dir, "wrk").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs wrk against {@code url}; returns requestsPerSecond and p50Millis..p99Millis.
     *
     * @param connections requests kept in flight at once
     */
    static Map<String, Double> run(String url, int connections, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url))
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return parse(out);
    }

    /** The figures in wrk's report; throws when it has no rate or saw error responses. */
    static Map<String, Double> parse(String out) {
        Map<String, Double> figures = parseFigures(out);
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw error responses: " + out);
        }
        return figures;
    }

    /** The rate and latency percentiles in wrk's report, whatever the answers were; throws when it has no rate. */
    static Map<String, Double> parseFigures(String out) {
        Map<String, Double> figures = new LinkedHashMap<>();
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("wrk printed no request rate: " + out);
        }
        figures.put("requestsPerSecond", Double.parseDouble(rate.group(1)));
        Matcher p = PERCENTILE.matcher(out);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2));
            double millis = switch (p.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
            figures.put("p" + p.group(1) + "Millis", millis);
        }
        return figures;
    }
}

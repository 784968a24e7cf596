package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL queries of the shipped monitoring files, in the form a test can send to Prometheus.
 *
 * <p>Dashboard queries get Grafana's variables filled in: {@code $job} with the scrape job,
 * {@code $connector} with its "All" value and {@code $__rate_interval} with a window that holds
 * several samples at the test's one-second scrape interval.
 *
 * <p>An alert expression returns data only while it fires, so its <em>signal</em> is what a test
 * can expect data from: the same expression with every comparison against a number made a
 * {@code bool} comparison ({@code x == 1} becomes {@code x == bool 1}). The signal has a sample
 * for every series the alert would fire for if the numbers were different, so it returns data
 * exactly when every series the rule reads is scraped and its label joins match.
 */
final class MonitoringQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER_COMPARISON =
            Pattern.compile("(==|!=|>=|<=|>|<)(?!\\s*bool\\b)(\\s*)(?=-?[0-9])");

    private MonitoringQueries() {
    }

    /** One query of a dashboard panel. */
    record PanelQuery(String panel, String expr) {
    }

    /** Every target expression of every panel of a Grafana dashboard, with variables filled in. */
    static List<PanelQuery> dashboard(Path dashboardJson, Map<String, String> variables) throws IOException {
        JsonNode dashboard = JSON.readTree(dashboardJson.toFile());
        List<PanelQuery> queries = new ArrayList<>();
        collect(dashboard.path("panels"), variables, queries);
        return queries;
    }

    private static void collect(JsonNode panels, Map<String, String> variables, List<PanelQuery> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    out.add(new PanelQuery(panel.path("title").asText(), substitute(expr, variables)));
                }
            }
            collect(panel.path("panels"), variables, out); // panels of collapsed rows
        }
    }

    private static String substitute(String expr, Map<String, String> variables) {
        String result = expr;
        // longest names first, so $__rate_interval is not taken for a variable named $__rate
        List<String> names = new ArrayList<>(variables.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            result = result.replace("${" + name + "}", variables.get(name)).replace("$" + name, variables.get(name));
        }
        return result;
    }

    /** The alert expression with its comparisons against numbers turned into {@code bool} ones. */
    static String signal(String alertExpr) {
        Matcher m = NUMBER_COMPARISON.matcher(alertExpr);
        return m.replaceAll("$1 bool ");
    }
}

package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Ferry's Prometheus alert rules ({@code monitoring/ferry-alerts.yml}) as Grafana-managed alert rules in Grafana's
 * alerting provisioning format, the derivation the compose stack's
 * {@code grafana/provisioning/alerting/ferry-alerts.yml} must equal.
 *
 * <p>Each Prometheus rule becomes a Grafana rule of the same name (its title), {@code for}, labels and annotations,
 * with two queries: A, the rule's PromQL as an instant query of the provisioned Prometheus datasource, and B, the
 * condition, a math expression true for every series A returns whatever its value ({@code is_number($A) ||
 * is_nan($A) || is_inf($A)}). That is Prometheus' own rule semantics: an alert expression filters, and every series
 * it returns is a firing alert ({@code up == 0} returns the value 0, so a threshold on the value would be wrong).
 * No data is OK, as in Prometheus. In annotations, Prometheus' {@code $value} is {@code $values.A.Value} in
 * Grafana, whose {@code $value} is a description of all queries' values.
 */
final class GrafanaAlertRules {
    /** The uid of the datasource the compose stack provisions for its Prometheus. */
    static final String DATASOURCE_UID = "prometheus";
    static final String FOLDER = "Ferry";
    /** How far back query A looks: the longest range in the rules (15m). */
    static final int RANGE_SECONDS = 900;

    private GrafanaAlertRules() {
    }

    static JsonNode derive(Path prometheusRules) throws IOException {
        JsonNode rules = ComposeModel.YAML.readTree(prometheusRules.toFile());
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode file = f.objectNode();
        file.put("apiVersion", 1);
        ArrayNode groups = file.putArray("groups");
        for (JsonNode group : rules.path("groups")) {
            ObjectNode g = groups.addObject();
            g.put("orgId", 1);
            g.put("name", group.path("name").asText());
            g.put("folder", FOLDER);
            g.put("interval", "1m");
            ArrayNode grafanaRules = g.putArray("rules");
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                ObjectNode r = grafanaRules.addObject();
                r.put("uid", uid(alert));
                r.put("title", alert);
                r.put("condition", "B");
                ArrayNode data = r.putArray("data");
                ObjectNode a = data.addObject();
                a.put("refId", "A");
                a.putObject("relativeTimeRange").put("from", RANGE_SECONDS).put("to", 0);
                a.put("datasourceUid", DATASOURCE_UID);
                a.putObject("model").put("refId", "A").put("expr", rule.path("expr").asText().strip())
                        .put("instant", true).put("range", false);
                ObjectNode b = data.addObject();
                b.put("refId", "B");
                b.put("datasourceUid", "__expr__");
                b.putObject("model").put("refId", "B").put("type", "math")
                        .put("expression", "is_number($A) || is_nan($A) || is_inf($A)");
                r.put("for", rule.path("for").asText("0m"));
                r.put("noDataState", "OK");
                r.put("execErrState", "Error");
                ObjectNode labels = r.putObject("labels");
                rule.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                ObjectNode annotations = r.putObject("annotations");
                rule.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(),
                        e.getValue().asText().strip().replace("$value", "$values.A.Value")));
            }
        }
        return file;
    }

    /** FerryTaskFailed -> ferry-task-failed (Grafana uids: letters, digits, '-' and '_', at most 40). */
    static String uid(String alert) {
        return alert.replaceAll("(?<=[a-z0-9])(?=[A-Z])", "-").toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Grafana dashboard and Prometheus alert rules ({@code monitoring/} of the
 * distribution) against a real Prometheus (Debian's package, see {@link PrometheusBinaries})
 * scraping a Ferry worker's {@code GET /metrics}.
 *
 * <p>The worker is a one-worker distributed cluster (so the rebalance series exist too) running
 * a file source and a file sink that copy lines through a topic, a sink whose file cannot be
 * created (its task fails) and a source whose config-provider secret was rotated to a value it
 * cannot parse (the connector fails on restart). In that state every dashboard query returns
 * data, every alert's signal returns data, {@code promtool check rules} accepts the rules file,
 * and the failed-task and failed-connector alerts fire naming the connector (and task). Before
 * that, {@code promtool test rules} runs the rules' unit tests
 * ({@code src/test/resources/monitoring/ferry-alerts-test.yml}): each alert, including those a
 * live worker cannot easily be driven into (no progress, DLQ growing, worker down, rebalance
 * storm), fires on synthetic series with its labels and rendered annotations.
 *
 * <p>Beyond Ferry's own dashboard, the Kafka client and JVM queries of the widely used Strimzi and
 * Confluent Kafka Connect dashboards return data in Prometheus too (their label filters for
 * Kubernetes or their scrape job left out), and {@code /metrics?naming=confluent} serves the
 * client and JVM series under the names Confluent's dashboard plots.
 *
 * <p>The rules Prometheus loads are a copy of the shipped file whose {@code for:} durations are
 * zero, so alerts fire at once; every expression is the shipped one, which the test checks.
 */
@WithKafka
class PrometheusMonitoringIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "monitoring-lines";
    private static final List<String> LINES = List.of("one", "two", "three", "four", "five");
    private static final List<String> MORE_LINES = List.of("six", "seven", "eight");
    /** Alert and connector of every alert that may fire in the end state. */
    private static final List<String> EXPECTED_FIRING = List.of("FerryTaskFailed broken-sink",
            "FerryTaskFailed rotated-source", "FerryConnectorFailed rotated-source", "FerryRebalanceStorm ");

    @TempDir
    Path dir;

    @Test
    void prometheusScrapingAWorker_hasDataForEveryDashboardAndAlertQuery_andTheFailedTaskAlertNamesTheConnector(
            KafkaBroker broker) throws Exception {
        Path monitoring = WorkerProcess.distDir().resolve("monitoring");
        Path shippedRules = monitoring.resolve("ferry-alerts.yml");
        Path dashboard = monitoring.resolve("ferry-dashboard.json");
        assertThat(shippedRules).as("the distribution ships the alert rules").isRegularFile();
        assertThat(dashboard).as("the distribution ships the dashboard").isRegularFile();

        PrometheusBinaries prometheus = PrometheusBinaries.locate();
        checkRulesWithPromtool(prometheus, shippedRules);
        Path testRules = dir.resolve("ferry-alerts-no-wait.yml");
        Files.writeString(testRules, Files.readString(shippedRules).replaceAll("(?m)^(\\s+for:).*$", "$1 0s"));
        assertOnlyForDiffers(shippedRules, testRules);

        broker.createTopic(TOPIC, 1, Map.of());
        try (WorkerProcess worker = WorkerProcess.startDistributed(dir.resolve("worker"), broker.bootstrapServers(),
                "ferry-monitoring-it", Map.of("config.providers", "file",
                        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
             PrometheusServer server = PrometheusServer.start(prometheus, dir.resolve("prometheus"), testRules,
                     List.of("127.0.0.1:" + worker.port))) {
            worker.await(Duration.ofSeconds(60), "worker joined its group",
                    () -> "healthy".equals(worker.json("/health").path("status").asText()));

            runHealthyAndFailingConnectors(worker, server);

            assertEveryQueryHasData(worker, server, dashboard, alertRuleCount(shippedRules));
            assertTheCommonDashboardsClientAndJvmQueriesHaveData(worker, server);
            assertConfluentNamingServesTheClientAndJvmSeriesItsDashboardQueries(worker);
            assertFailedTaskAndConnectorAlertsNameThem(worker, server);
            assertNoOtherAlertFires(server);
            worker.stop();
        }
    }

    /** {@code promtool check rules} on the shipped file, and {@code promtool test rules} on its unit tests. */
    private void checkRulesWithPromtool(PrometheusBinaries prometheus, Path shippedRules) throws Exception {
        assertThat(promtool(prometheus, "check", "rules", shippedRules.toString()))
                .as("promtool check rules").contains("SUCCESS");
        Path unitTests = dir.resolve("unit-tests");
        Files.createDirectories(unitTests);
        Files.copy(shippedRules, unitTests.resolve("ferry-alerts.yml"));
        try (var in = PrometheusMonitoringIT.class.getResourceAsStream("/monitoring/ferry-alerts-test.yml")) {
            Files.copy(in, unitTests.resolve("ferry-alerts-test.yml"));
        }
        assertThat(promtool(prometheus, "test", "rules", unitTests.resolve("ferry-alerts-test.yml").toString()))
                .as("promtool test rules (each alert on synthetic series)").contains("SUCCESS");
    }

    /**
     * A file source and a file sink copying lines through a topic; a sink whose task fails (its
     * file's directory does not exist); a source that fails when restarted after its
     * config-provider secret changed to a value it cannot parse.
     */
    private void runHealthyAndFailingConnectors(WorkerProcess worker, PrometheusServer server) throws Exception {
        Path input = dir.resolve("input.txt");
        Files.write(input, LINES);
        Path output = dir.resolve("output.txt");
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "batch.size=100\n");
        create(worker, "lines-source", Map.of("connector.class", "FileStreamSource",
                "file", input.toString(), "topic", TOPIC));
        create(worker, "lines-sink", Map.of("connector.class", "FileStreamSink",
                "file", output.toString(), "topics", TOPIC));
        create(worker, "broken-sink", Map.of("connector.class", "FileStreamSink",
                "file", dir.resolve("no-such-dir").resolve("out.txt").toString(), "topics", TOPIC));
        create(worker, "rotated-source", Map.of("connector.class", "FileStreamSource",
                "file", input.toString(), "topic", TOPIC + "-copy",
                "batch.size", "${file:" + secrets + ":batch.size}"));

        worker.await(Duration.ofSeconds(30), "lines copied to " + output,
                () -> Files.exists(output) && Files.readAllLines(output).equals(LINES));
        worker.await(Duration.ofSeconds(30), "broken-sink task FAILED", () -> "FAILED".equals(
                worker.json("/connectors/broken-sink/status").path("tasks").path(0).path("state").asText()));
        worker.awaitState("rotated-source", "RUNNING", 1, Duration.ofSeconds(30));
        Files.writeString(secrets, "batch.size=not-a-number\n");
        assertThat(worker.post("/connectors/rotated-source/restart", "").statusCode()).isIn(202, 204);
        worker.await(Duration.ofSeconds(30), "rotated-source FAILED", () -> "FAILED".equals(
                worker.json("/connectors/rotated-source/status").path("connector").path("state").asText()));

        // Records that moved before Prometheus first saw a counter do not count as a rate, so
        // more lines go through once it has: the healthy tasks then show progress.
        worker.await(Duration.ofSeconds(30), "Prometheus scraped the sink's counter", () -> !server.query(
                "kafka_connect_sink_task_sink_record_send_total{connector=\"lines-sink\"}").isEmpty());
        Files.write(input, MORE_LINES, StandardOpenOption.APPEND);
        worker.await(Duration.ofSeconds(30), "more lines copied to " + output,
                () -> Files.readAllLines(output).size() == LINES.size() + MORE_LINES.size());
    }

    /**
     * Every query of every dashboard panel, and every alert expression as a bool comparison
     * ({@link MonitoringQueries#signal}), returns data; every rule evaluates without error.
     */
    private static void assertEveryQueryHasData(WorkerProcess worker, PrometheusServer server, Path dashboard,
            int alertRules) throws Exception {
        Map<String, String> whereFrom = new LinkedHashMap<>();
        for (MonitoringQueries.PanelQuery q : MonitoringQueries.dashboard(dashboard, Map.of(
                "job", PrometheusServer.JOB, "connector", ".*", "__rate_interval", "30s"))) {
            whereFrom.put(q.expr(), "dashboard panel '" + q.panel() + "'");
        }
        JsonNode[] rules = new JsonNode[1];
        worker.await(Duration.ofSeconds(30), "Prometheus loaded the rules", () -> {
            rules[0] = server.rules();
            return alertQueries(rules[0]).size() == alertRules;
        });
        alertQueries(rules[0]).forEach((alert, expr) ->
                whereFrom.put(MonitoringQueries.signal(expr), "alert " + alert + " (as a bool comparison)"));

        List<String> empty = new ArrayList<>();
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(30), "data for every query", () -> {
                empty.clear();
                whereFrom.forEach((query, source) -> {
                    if (server.query(query).isEmpty()) {
                        empty.add(source + ": " + query);
                    }
                });
                return empty.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError("Queries without data:\n  " + String.join("\n  ", empty)
                    + "\n--- GET /metrics of the worker ---\n" + worker.get("/metrics").body(), e);
        }
        for (JsonNode group : server.rules()) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asText()).as(rule.path("name") + ": " + rule.path("lastError"))
                        .isEqualTo("ok");
            }
        }
    }

    /**
     * The Kafka client and JVM queries of Strimzi's "Strimzi Kafka Connect" dashboard and the
     * default-named ones of Confluent's "Kafka Connect cluster" dashboard have data in Prometheus,
     * and the task clients' series name their connector.
     */
    private static void assertTheCommonDashboardsClientAndJvmQueriesHaveData(WorkerProcess worker,
            PrometheusServer server) {
        List<String> queries = List.of(
                "sum(kafka_consumer_connection_count)",
                "sum(kafka_producer_connection_count)",
                "sum(kafka_admin_client_connection_count)",
                "sum(rate(kafka_producer_outgoing_byte_total[1m]))",
                "sum(rate(kafka_consumer_incoming_byte_total[1m]))",
                "sum(kafka_connect_coordinator_assigned_connectors)",
                "sum(kafka_connect_coordinator_assigned_tasks)",
                "sum(jvm_memory_used_bytes)",
                "sum(rate(jvm_gc_collection_seconds_sum[1m]))",
                "sum(jvm_threads_current)",
                "rate(process_cpu_seconds_total[1m])",
                "kafka_producer_outgoing_byte_total{connector=\"lines-source\", task=\"0\"}",
                "kafka_consumer_incoming_byte_total{connector=\"lines-sink\", task=\"0\"}",
                "kafka_consumer_fetch_manager_records_lag{connector=\"lines-sink\", topic=\"" + TOPIC + "\"}",
                "kafka_producer_version_info{connector=\"lines-source\", task=\"0\"}",
                "kafka_consumer_start_time_seconds{connector=\"lines-sink\", task=\"0\"}");
        List<String> empty = new ArrayList<>();
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(30), "data for the client and JVM queries", () -> {
                empty.clear();
                queries.stream().filter(q -> server.query(q).isEmpty()).forEach(empty::add);
                return empty.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError("Client and JVM queries without data: " + empty, e);
        }
        JsonNode assigned = server.query("sum(kafka_connect_coordinator_assigned_connectors)");
        assertThat(assigned.path(0).path("value").path(1).asDouble()).as("connectors assigned to the only worker")
                .isEqualTo(4.0);
        assertThat(server.query("sum(kafka_producer_outgoing_byte_total{connector=\"lines-source\"})")
                .path(0).path("value").path(1).asDouble()).as("bytes the source's producer sent").isPositive();
    }

    /** {@code ?naming=confluent} serves the client and JVM series Confluent's dashboard and rules name. */
    private static void assertConfluentNamingServesTheClientAndJvmSeriesItsDashboardQueries(WorkerProcess worker) {
        List<String> lines = worker.get("/metrics?naming=confluent").body().lines().toList();
        for (String series : List.of("kafka_connect_connect_metrics_network_io_rate{",
                "kafka_connect_connect_metrics_connection_count{", "kafka_connect_connect_coordinator_metrics_assigned_tasks{",
                "kafka_producer_producer_metrics_outgoing_byte_rate{", "kafka_consumer_consumer_fetch_manager_metrics_records_lag{",
                "jvm_memory_used_bytes{", "jvm_memory_bytes_max{", "jvm_gc_collection_seconds_sum{", "process_cpu_seconds_total{")) {
            assertThat(lines).as("?naming=confluent serves " + series).anyMatch(line -> line.startsWith(series));
        }
        assertThat(lines).as("the source's producer, with its connector").anyMatch(line ->
                line.startsWith("kafka_producer_producer_metrics_record_send_total{")
                        && line.contains("connector=\"lines-source\"") && line.contains("client_type=\"producer\""));
        assertThat(lines).as("the worker's app-info, under Confluent's rule").anyMatch(line ->
                line.startsWith("kafka_connect_app_info{") && line.contains("version=\""));
        assertThat(lines).as("the source's producer's app-info, with its connector").anyMatch(line ->
                line.startsWith("kafka_producer_app_info{") && line.contains("connector=\"lines-source\"")
                        && line.contains("start_time_ms=\""));
        assertThat(lines).as("Confluent's rules leave admin clients out").noneMatch(line ->
                line.startsWith("kafka_admin_client"));
    }

    private static void assertFailedTaskAndConnectorAlertsNameThem(WorkerProcess worker, PrometheusServer server) {
        JsonNode[] taskAlert = new JsonNode[1];
        JsonNode[] connectorAlert = new JsonNode[1];
        worker.await(Duration.ofSeconds(30), "FerryTaskFailed and FerryConnectorFailed firing", () -> {
            JsonNode alerts = server.alerts();
            taskAlert[0] = firing(alerts, "FerryTaskFailed", "broken-sink");
            connectorAlert[0] = firing(alerts, "FerryConnectorFailed", "rotated-source");
            return taskAlert[0] != null && connectorAlert[0] != null;
        });
        assertThat(taskAlert[0].path("labels").path("task").asText()).isEqualTo("0");
        assertThat(taskAlert[0].path("labels").path("worker").asText()).isEqualTo(worker.workerId());
        assertThat(taskAlert[0].path("annotations").path("summary").asText())
                .isEqualTo("Task 0 of connector broken-sink is FAILED on worker " + worker.workerId());
        assertThat(taskAlert[0].path("annotations").path("description").asText())
                .contains("/connectors/broken-sink/tasks/0/restart");
        assertThat(connectorAlert[0].path("annotations").path("summary").asText())
                .isEqualTo("Connector rotated-source is FAILED on worker " + worker.workerId());
    }

    /**
     * The worker is up, the healthy connectors move records and no record went to a DLQ, so no
     * other alert fires once Prometheus has scraped the second batch of lines (rules are evaluated
     * every second). The one-worker cluster rebalanced once per new connector and task, which
     * the storm alert, with its wait cut to zero here, may count.
     */
    private static void assertNoOtherAlertFires(PrometheusServer server) {
        List<String> firing = new ArrayList<>();
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(20), "only the expected alerts firing", () -> {
                firing.clear();
                for (JsonNode alert : server.alerts()) {
                    if ("firing".equals(alert.path("state").asText())) {
                        firing.add(alert.path("labels").path("alertname").asText() + " "
                                + alert.path("labels").path("connector").asText());
                    }
                }
                return EXPECTED_FIRING.containsAll(firing);
            });
        } catch (AssertionError e) {
            throw new AssertionError("Firing alerts: " + firing, e);
        }
    }

    private static void create(WorkerProcess worker, String name, Map<String, String> config) throws Exception {
        Map<String, String> full = new LinkedHashMap<>(config);
        full.put("tasks.max", "1");
        var response = worker.put("/connectors/" + name + "/config", JSON.writeValueAsString(full));
        assertThat(response.statusCode()).as("create %s: %s", name, response.body()).isEqualTo(201);
    }

    /** The firing alert of that name whose {@code connector} label is {@code connector} (any if null). */
    private static JsonNode firing(JsonNode alerts, String name, String connector) {
        for (JsonNode alert : alerts) {
            JsonNode labels = alert.path("labels");
            if (name.equals(labels.path("alertname").asText()) && "firing".equals(alert.path("state").asText())
                    && (connector == null || connector.equals(labels.path("connector").asText()))) {
                return alert;
            }
        }
        return null;
    }

    private static int alertRuleCount(Path rules) throws Exception {
        return (int) Files.readAllLines(rules).stream().filter(l -> l.strip().startsWith("- alert:")).count();
    }

    /** Alert name to the query Prometheus evaluates for it. */
    private static Map<String, String> alertQueries(JsonNode groups) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if ("alerting".equals(rule.path("type").asText())) {
                    queries.put(rule.path("name").asText(), rule.path("query").asText());
                }
            }
        }
        return queries;
    }

    /** The test's copy differs from the shipped rules in {@code for:} lines only. */
    private static void assertOnlyForDiffers(Path shipped, Path copy) throws Exception {
        List<String> a = Files.readAllLines(shipped);
        List<String> b = Files.readAllLines(copy);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                assertThat(b.get(i).strip()).as("line %d of the test copy", i + 1).isEqualTo("for: 0s");
                assertThat(a.get(i).strip()).as("line %d of the shipped rules", i + 1).startsWith("for:");
            }
        }
    }

    private String promtool(PrometheusBinaries binaries, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(binaries.promtool.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("promtool-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String text = Files.readString(out);
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} serves the worker's Connect metrics, its Kafka clients' metrics (read from
 * JMX) and the JVM's, in the Prometheus text format and in OpenMetrics, under Strimzi's names and
 * Confluent's. The clients here are kafka-clients registries publishing through the JmxReporter
 * under the groups and tags the real producer, consumer, admin and group clients use.
 */
class MetricsApiTest {
    private static final String COORDINATOR_ID = "connect-127.0.0.1:8083";
    private static final String PRODUCER_ID = "connector-producer-orders-0";
    private static final String ADMIN_ID = "connector-adminclient-orders-0";
    /** The clients' start time in their app-info. */
    private static final long STARTED_MS = 1_700_000_000_000L;
    private ConnectMetrics metrics;
    private WorkerMetrics worker;
    private RestServer server;
    private final List<Metrics> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        metrics = ConnectMetrics.withDefaults("rest-worker", Time.SYSTEM);
        worker = new WorkerMetrics(metrics);
        worker.connectorStarting("orders", "source", "com.example.OrdersConnector", "1.2");
        worker.connectorStateChanged("orders", State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId("orders", 0);
        worker.taskStarting(task, false);
        worker.taskStateChanged(task, State.FAILED);
        Metrics producer = client("kafka.producer");
        gauge(producer, "outgoing-byte-total", "producer-metrics", 2048, "client-id", "connector-producer-orders-0");
        gauge(producer, "outgoing-byte-rate", "producer-metrics", 12.5, "client-id", "connector-producer-orders-0");
        gauge(producer, "connection-count", "producer-metrics", 1, "client-id", "connector-producer-orders-0");
        gauge(producer, "count", "kafka-metrics-count", 9, "client-id", "connector-producer-orders-0");
        Metrics consumer = client("kafka.consumer");
        gauge(consumer, "incoming-byte-total", "consumer-metrics", 4096, "client-id", "connector-consumer-audit-sink-0");
        gauge(consumer, "records-lag", "consumer-fetch-manager-metrics", 42, "client-id",
                "connector-consumer-audit-sink-0", "topic", "orders", "partition", "3");
        gauge(consumer, "records-lead", "consumer-fetch-manager-metrics", Double.NaN, "client-id",
                "connector-consumer-audit-sink-0", "topic", "orders", "partition", "3");
        Metrics admin = client("kafka.admin.client");
        gauge(admin, "connection-count", "admin-client-metrics", 1, "client-id", "connector-adminclient-orders-0");
        Metrics group = client("kafka.connect");
        gauge(group, "assigned-tasks", "connect-coordinator-metrics", 3, "client-id", COORDINATOR_ID);
        gauge(group, "network-io-rate", "connect-metrics", 0.5, "client-id", COORDINATOR_ID);
        gauge(group, "request-rate", "connect-node-metrics", 0.25, "client-id", COORDINATOR_ID, "node-id", "node-1");
        // What each real client does on start-up: its app-info MBeans, as kafka-clients publishes them.
        AppInfoParser.registerAppInfo("kafka.producer", PRODUCER_ID, producer, STARTED_MS);
        AppInfoParser.registerAppInfo("kafka.admin.client", ADMIN_ID, admin, STARTED_MS);
        AppInfoParser.registerAppInfo("kafka.connect", COORDINATOR_ID, group, STARTED_MS);
        server = new RestServer(RestSettings.fromWorkerConfig(TestServer.localConfig()), Fixtures.herder())
                .withMetrics(metrics);
        server.start();
    }

    @AfterEach
    void stop() {
        AppInfoParser.unregisterAppInfo("kafka.producer", PRODUCER_ID, clients.get(0));
        AppInfoParser.unregisterAppInfo("kafka.admin.client", ADMIN_ID, clients.get(2));
        AppInfoParser.unregisterAppInfo("kafka.connect", COORDINATOR_ID, clients.get(3));
        clients.forEach(Metrics::close);
        server.stop();
        worker.close();
        metrics.close();
    }

    @Test
    void metrics_areServedInThePrometheusTextFormat_withStatusGaugesAndWorkerLabels() {
        HttpResponse<String> response = scrape(Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> series = parse(response.body());
        assertThat(series).containsEntry("kafka_connect_worker_connector_count{worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_connector_status{connector=orders,status=running,worker=rest-worker}",
                        1.0)
                .containsEntry("kafka_connect_connector_task_status{connector=orders,status=failed,task=0,"
                        + "worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_worker_connector_failed_task_count{connector=orders,worker=rest-worker}",
                        1.0)
                .containsEntry("kafka_connect_worker_task_startup_failure_total{worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_connector_connector_class{connector=orders,"
                        + "connector_class=com.example.OrdersConnector,worker=rest-worker}", 1.0)
                .containsKey("kafka_connect_source_task_source_record_poll_total{connector=orders,task=0,"
                        + "worker=rest-worker}");
        assertThat(response.body()).contains("# TYPE kafka_connect_worker_task_startup_failure_total counter");
    }

    @Test
    void metrics_areServedInOpenMetrics_whenTheScraperAsksForIt() {
        HttpResponse<String> response = scrape(Map.of("Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(response.body()).contains("# TYPE kafka_connect_worker_task_startup_failure counter")
                .endsWith("# EOF\n");
    }

    @Test
    void confluentNaming_isOfferedForDashboardsBuiltOnConfluentsExporterRules() {
        HttpResponse<String> response = scrape("/metrics?naming=confluent", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> series = parse(response.body());
        assertThat(series).containsEntry("kafka_connect_connect_worker_metrics_connector_count{worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_connector_metrics{connector=orders,status=running,worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_connect_worker_metrics_connector_failed_task_count{connector=orders,"
                        + "worker=rest-worker}", 1.0);
        assertThat(scrape("/metrics?naming=graphite", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void clientMetrics_followStrimzisRules_withTheTaskOfEachTaskClient() {
        Map<String, Double> series = parse(scrape(Map.of()).body());

        assertThat(series)
                .containsEntry("kafka_producer_outgoing_byte_total{clientid=connector-producer-orders-0,"
                        + "connector=orders,task=0,worker=rest-worker}", 2048.0)
                .containsEntry("kafka_producer_connection_count{clientid=connector-producer-orders-0,"
                        + "connector=orders,task=0,worker=rest-worker}", 1.0)
                .containsEntry("kafka_consumer_incoming_byte_total{clientid=connector-consumer-audit-sink-0,"
                        + "connector=audit-sink,task=0,worker=rest-worker}", 4096.0)
                .containsEntry("kafka_consumer_fetch_manager_records_lag{clientid=connector-consumer-audit-sink-0,"
                        + "connector=audit-sink,partition=3,task=0,topic=orders,worker=rest-worker}", 42.0)
                .containsEntry("kafka_admin_client_connection_count{clientid=connector-adminclient-orders-0,"
                        + "connector=orders,task=0,worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_coordinator_assigned_tasks{clientid=" + COORDINATOR_ID
                        + ",worker=rest-worker}", 3.0)
                .containsEntry("kafka_connect_node_request_rate{clientid=" + COORDINATOR_ID
                        + ",nodeid=node-1,worker=rest-worker}", 0.25);
        assertThat(series.keySet()).noneMatch(key -> key.startsWith("kafka_producer_outgoing_byte_rate"))
                .noneMatch(key -> key.startsWith("kafka_consumer_fetch_manager_records_lead"));
        assertThat(series.entrySet().stream().filter(e -> e.getKey().contains("clientid=connector-producer-orders-0"))
                .map(Map.Entry::getValue)).as("kafka-metrics-count is left out").doesNotContain(9.0);
    }

    @Test
    void clientMetrics_followConfluentsRules_underItsNaming() {
        String body = scrape("/metrics?naming=confluent", Map.of()).body();
        Map<String, Double> series = parse(body);

        assertThat(series)
                .containsEntry("kafka_producer_producer_metrics_outgoing_byte_rate{client_id=connector-producer-orders-0,"
                        + "client_type=producer,connector=orders,task=0,worker=rest-worker}", 12.5)
                .containsEntry("kafka_consumer_consumer_fetch_manager_metrics_records_lag{client_id="
                        + "connector-consumer-audit-sink-0,client_type=consumer,connector=audit-sink,partition=3,"
                        + "task=0,topic=orders,worker=rest-worker}", 42.0)
                .containsEntry("kafka_connect_connect_coordinator_metrics_assigned_tasks{client_id=" + COORDINATOR_ID
                        + ",worker=rest-worker}", 3.0)
                .containsEntry("kafka_connect_connect_metrics_network_io_rate{client_id=" + COORDINATOR_ID
                        + ",worker=rest-worker}", 0.5);
        assertThat(body).doesNotContain("kafka_admin_client").doesNotContain("connect_node_metrics");
        assertThat(series).containsKey("jvm_memory_bytes_max{area=heap,worker=rest-worker}");
    }

    @Test
    void appInfo_ofTheWorkerAndItsClients_followsStrimzisAppInfoRules() {
        String body = scrape(Map.of()).body();
        Map<String, Double> series = parse(body);
        String version = AppInfoParser.getVersion();
        String commit = AppInfoParser.getCommitId();

        assertThat(series.get("kafka_connect_start_time_seconds{clientid=rest-worker,worker=rest-worker}"))
                .as("the worker's start, in seconds").isBetween(STARTED_MS / 1000.0, System.currentTimeMillis() / 1000.0);
        assertThat(series)
                .containsEntry("kafka_connect_version_info{clientid=rest-worker,version=" + version
                        + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_commit_id_info{clientid=rest-worker,commit_id=" + commit
                        + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_producer_start_time_seconds{clientid=" + PRODUCER_ID
                        + ",connector=orders,task=0,worker=rest-worker}", STARTED_MS * 0.001)
                .containsEntry("kafka_producer_version_info{clientid=" + PRODUCER_ID + ",connector=orders,task=0,"
                        + "version=" + version + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_admin_client_commit_id_info{clientid=" + ADMIN_ID + ",commit_id=" + commit
                        + ",connector=orders,task=0,worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_version_info{clientid=" + COORDINATOR_ID + ",version=" + version
                        + ",worker=rest-worker}", 1.0);
        assertThat(body).contains("# TYPE kafka_connect_start_time_seconds gauge")
                .contains("# TYPE kafka_connect_version_info untyped")
                .doesNotContain("kafka_connect_app_info").doesNotContain("kafka_metrics_count");
        assertThat(series.keySet().stream().filter(key -> key.startsWith("kafka_connect_version_info{")))
                .as("the worker and its group client, each once").hasSize(2);
    }

    @Test
    void appInfo_ofTheWorkerAndItsClients_followsConfluentsAppInfoRules_underItsNaming() {
        String body = scrape("/metrics?naming=confluent", Map.of()).body();
        Map<String, Double> series = parse(body);
        String version = AppInfoParser.getVersion();

        assertThat(series)
                .containsEntry("kafka_connect_app_info{client_id=rest-worker,version=" + version
                        + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_app_info{client_id=rest-worker,commit_id=" + AppInfoParser.getCommitId()
                        + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_connect_app_info{client_id=" + COORDINATOR_ID + ",version=" + version
                        + ",worker=rest-worker}", 1.0)
                .containsEntry("kafka_producer_app_info{client_id=" + PRODUCER_ID + ",client_type=producer,"
                        + "connector=orders,start_time_ms=" + STARTED_MS + ",task=0,worker=rest-worker}", 1.0);
        assertThat(series.keySet()).anyMatch(key -> key.startsWith("kafka_connect_app_info{client_id=rest-worker,"
                + "start_time_ms="));
        assertThat(body).contains("# TYPE kafka_connect_app_info untyped")
                .doesNotContain("kafka_connect_start_time_seconds").doesNotContain("kafka_admin_client");
    }

    @Test
    void jvmAndProcessMetrics_areServedUnderBothNamings() {
        for (String path : List.of("/metrics", "/metrics?naming=confluent")) {
            Map<String, Double> series = parse(scrape(path, Map.of()).body());
            assertThat(series.get("jvm_memory_used_bytes{area=heap,worker=rest-worker}")).as(path).isPositive();
            assertThat(series.get("jvm_threads_current{worker=rest-worker}")).as(path).isPositive();
            assertThat(series).as(path).containsKey("process_cpu_seconds_total{worker=rest-worker}");
            assertThat(series.keySet()).as(path).anyMatch(key -> key.startsWith("jvm_gc_collection_seconds_sum{gc="));
        }
    }

    private Metrics client(String jmxDomain) {
        Metrics registry = new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM,
                new KafkaMetricsContext(jmxDomain));
        clients.add(registry);
        return registry;
    }

    private static void gauge(Metrics registry, String name, String group, double value, String... tags) {
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            tagMap.put(tags[i], tags[i + 1]);
        }
        registry.addMetric(registry.metricName(name, group, "", tagMap), (Measurable) (config, now) -> value);
    }

    private HttpResponse<String> scrape(Map<String, String> headers) {
        return scrape("/metrics", headers);
    }

    private HttpResponse<String> scrape(String path, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                server.advertisedUrl().resolve(path));
        headers.forEach(request::header);
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    /** Sample lines as {@code name{label=value,...}} (labels sorted) to value. */
    private static Map<String, Double> parse(String body) {
        Map<String, Double> series = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            String number = line.substring(space + 1);
            double value = number.endsWith("Inf") ? (number.startsWith("-") ? Double.NEGATIVE_INFINITY
                    : Double.POSITIVE_INFINITY) : Double.parseDouble(number);
            int brace = key.indexOf('{');
            if (brace >= 0) {
                String name = key.substring(0, brace);
                java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
                for (String pair : key.substring(brace + 1, key.length() - 1).split(",")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
                key = name + labels.toString().replace(", ", ",");
            }
            series.put(key, value);
        }
        return series;
    }
}

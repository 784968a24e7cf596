package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.ConnectorTaskId;
import dev.ferry.runtime.herder.State;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} serves the worker's Connect metrics in the Prometheus text format and in OpenMetrics. */
class MetricsApiTest {
    private ConnectMetrics metrics;
    private WorkerMetrics worker;
    private RestServer server;

    @BeforeEach
    void start() {
        metrics = ConnectMetrics.withDefaults("rest-worker", Time.SYSTEM);
        worker = new WorkerMetrics(metrics);
        worker.connectorStarting("orders", "source", "com.example.OrdersConnector", "1.2");
        worker.connectorStateChanged("orders", State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId("orders", 0);
        worker.taskStarting(task, false);
        worker.taskStateChanged(task, State.FAILED);
        server = new RestServer(RestSettings.fromWorkerConfig(TestServer.localConfig()), Fixtures.herder())
                .withMetrics(metrics);
        server.start();
    }

    @AfterEach
    void stop() {
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
            double value = Double.parseDouble(line.substring(space + 1));
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

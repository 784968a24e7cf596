package dev.ferry.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** Connect metric names map to the series the Strimzi JMX-exporter rules produce for the same MBeans. */
class PrometheusSeriesTest {

    @Test
    void workerGauge_dropsConnectAndMetricsFromTheGroup() {
        assertThat(PrometheusSeries.of(name("connector-count", "connect-worker-metrics"), false))
                .isEqualTo(new PrometheusSeries("kafka_connect_worker_connector_count", false, null));
    }

    @Test
    void perConnectorWorkerCount_keepsTheConnectorLabel_andAddsTheWorker() {
        MetricName name = name("connector-failed-task-count", "connect-worker-metrics", "connector", "orders");
        assertThat(PrometheusSeries.of(name, false).family())
                .isEqualTo("kafka_connect_worker_connector_failed_task_count");
        assertThat(PrometheusSeries.labels(name, "w1")).containsExactly(Map.entry("connector", "orders"),
                Map.entry("worker", "w1"));
    }

    @Test
    void totals_areCountersWithoutTheirSuffix_forTheWriterAddsIt() {
        assertThat(PrometheusSeries.of(name("source-record-poll-total", "source-task-metrics", "connector", "c",
                "task", "0"), false))
                .isEqualTo(new PrometheusSeries("kafka_connect_source_task_source_record_poll", true, null));
        assertThat(PrometheusSeries.of(name("completed-rebalances-total", "connect-worker-rebalance-metrics"), false)
                .family()).isEqualTo("kafka_connect_worker_rebalance_completed_rebalances");
    }

    @Test
    void taskErrorAndSinkGauges_followStrimzisNames() {
        assertThat(PrometheusSeries.of(name("total-record-failures", "task-error-metrics"), false).family())
                .isEqualTo("kafka_connect_task_error_total_record_failures");
        assertThat(PrometheusSeries.of(name("sink-record-read-rate", "sink-task-metrics"), false).family())
                .isEqualTo("kafka_connect_sink_task_sink_record_read_rate");
        assertThat(PrometheusSeries.of(name("batch-size-avg", "connector-task-metrics"), false).family())
                .isEqualTo("kafka_connect_connector_task_batch_size_avg");
    }

    @Test
    void textAttributes_becomeAGaugeWithTheTextInALabelNamedAfterThem() {
        assertThat(PrometheusSeries.of(name("status", "connector-metrics", "connector", "orders"), true))
                .isEqualTo(new PrometheusSeries("kafka_connect_connector_status", false, "status"));
        assertThat(PrometheusSeries.of(name("status", "connector-task-metrics", "connector", "orders", "task", "0"),
                true)).isEqualTo(new PrometheusSeries("kafka_connect_connector_task_status", false, "status"));
        assertThat(PrometheusSeries.of(name("connector-class", "connector-metrics", "connector", "orders"), true))
                .isEqualTo(new PrometheusSeries("kafka_connect_connector_connector_class", false,
                        "connector_class"));
    }

    @Test
    void dashedTagNames_becomeUnderscoredLabels() {
        assertThat(PrometheusSeries.labels(name("version", "app-info", "client-id", "w1"), "w1"))
                .containsEntry("client_id", "w1");
    }

    private static MetricName name(String metric, String group, String... tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            map.put(tags[i], tags[i + 1]);
        }
        return new MetricName(metric, group, "", map);
    }

    @Test
    void confluentNaming_keepsTheWholeType_andPutsTextOnTheTypeSeries() {
        PrometheusSeries.Naming confluent = PrometheusSeries.Naming.CONFLUENT;
        assertThat(PrometheusSeries.of(name("connector-count", "connect-worker-metrics"), false, confluent).family())
                .isEqualTo("kafka_connect_connect_worker_metrics_connector_count");
        assertThat(PrometheusSeries.of(name("total-record-failures", "task-error-metrics"), false, confluent).family())
                .isEqualTo("kafka_connect_task_error_metrics_total_record_failures");
        assertThat(PrometheusSeries.of(name("sink-record-read-rate", "sink-task-metrics"), false, confluent).family())
                .isEqualTo("kafka_connect_sink_task_metrics_sink_record_read_rate");
        assertThat(PrometheusSeries.of(name("status", "connector-metrics", "connector", "c"), true, confluent))
                .isEqualTo(new PrometheusSeries("kafka_connect_connector_metrics", false, "status"));
        assertThat(PrometheusSeries.Naming.parse(null)).isEqualTo(PrometheusSeries.Naming.STRIMZI);
        assertThat(PrometheusSeries.Naming.parse("Confluent")).isEqualTo(confluent);
    }

    @Test
    void workerAppInfo_followsStrimzisAppInfoRules_startTimeInSeconds_versionAndCommitIdAsUntypedInfo() {
        SeriesFamilies families = new SeriesFamilies();
        try (Metrics registry = appInfoRegistry("10.0.0.5:8083")) {
            PrometheusSnapshot.addTo(families, registry.metrics(), "10.0.0.5:8083", PrometheusSeries.Naming.STRIMZI);
        }
        Map<String, Double> points = Points.of(families);
        assertThat(points).containsOnlyKeys(
                "gauge kafka_connect_start_time_seconds{clientid=10.0.0.5:8083,worker=10.0.0.5:8083}",
                "untyped kafka_connect_version_info{clientid=10.0.0.5:8083,version=4.3.1,worker=10.0.0.5:8083}",
                "untyped kafka_connect_commit_id_info{clientid=10.0.0.5:8083,commit_id=26b251a4,"
                        + "worker=10.0.0.5:8083}");
        assertThat(points.get("gauge kafka_connect_start_time_seconds{clientid=10.0.0.5:8083,worker=10.0.0.5:8083}"))
                .as("milliseconds times 0.001").isCloseTo(1_700_000_000.123, within(1e-6));
        assertThat(points.get("untyped kafka_connect_version_info{clientid=10.0.0.5:8083,version=4.3.1,"
                + "worker=10.0.0.5:8083}")).isEqualTo(1.0);
    }

    @Test
    void workerAppInfo_underConfluentsNaming_isOneAppInfoFamily_withEachAttributeAsALabel() {
        SeriesFamilies families = new SeriesFamilies();
        try (Metrics registry = appInfoRegistry("w1")) {
            PrometheusSnapshot.addTo(families, registry.metrics(), "w1", PrometheusSeries.Naming.CONFLUENT);
        }
        assertThat(Points.of(families)).containsOnly(
                entry("untyped kafka_connect_app_info{client_id=w1,start_time_ms=1700000000123,worker=w1}", 1.0),
                entry("untyped kafka_connect_app_info{client_id=w1,version=4.3.1,worker=w1}", 1.0),
                entry("untyped kafka_connect_app_info{client_id=w1,commit_id=26b251a4,worker=w1}", 1.0));
    }

    @Test
    void workerAppInfo_withoutAClientId_isLeftOut_asNeitherRuleMatchesIt() {
        assertThat(PrometheusSeries.appInfo(name("version", "app-info"), PrometheusSeries.Naming.STRIMZI, "w1"))
                .isNull();
        assertThat(PrometheusSeries.appInfo(name("version", "app-info", "client-id", "w1"),
                PrometheusSeries.Naming.CONFLUENT, "w1").labels()).containsExactly(entry("client_id", "w1"),
                entry("worker", "w1"));
    }

    @Test
    void metricsCountOfTheRegistry_isLeftOut_asNeitherNamingsRulesExportIt() {
        for (PrometheusSeries.Naming naming : PrometheusSeries.Naming.values()) {
            SeriesFamilies families = new SeriesFamilies();
            try (Metrics registry = new Metrics()) {
                PrometheusSnapshot.addTo(families, registry.metrics(), "w1", naming);
                assertThat(registry.metrics().keySet()).extracting(MetricName::group).contains("kafka-metrics-count");
            }
            assertThat(Points.of(families)).as(naming.name()).isEmpty();
        }
    }

    /**
     * The app-info metrics kafka-clients' {@code AppInfoParser} registers in a worker's registry:
     * each attribute twice, without tags and with the worker id as {@code client-id}.
     */
    private static Metrics appInfoRegistry(String workerId) {
        Metrics registry = new Metrics();
        Map<String, Object> values = Map.of("start-time-ms", 1_700_000_000_123L, "version", "4.3.1",
                "commit-id", "26b251a4");
        values.forEach((attribute, value) -> {
            registry.addMetric(registry.metricName(attribute, "app-info", "", Map.of()),
                    (Gauge<Object>) (config, now) -> value);
            registry.addMetric(registry.metricName(attribute, "app-info", "", Map.of("client-id", workerId)),
                    (Gauge<Object>) (config, now) -> value);
        });
        return registry;
    }
}

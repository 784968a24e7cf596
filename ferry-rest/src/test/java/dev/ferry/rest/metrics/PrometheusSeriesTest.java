package dev.ferry.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
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
}

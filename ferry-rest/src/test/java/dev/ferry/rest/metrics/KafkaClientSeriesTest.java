package dev.ferry.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.rest.metrics.PrometheusSeries.Naming;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Kafka client MBeans map to the series Strimzi's {@code kafka-connect-metrics.yaml} and
 * Confluent's {@code kafka_connect.yml} JMX-exporter rules produce for them, plus the task's
 * {@code connector} and {@code task} and the {@code worker}.
 */
class KafkaClientSeriesTest {
    private static final String PRODUCER = "kafka.producer:type=producer-metrics,client-id=connector-producer-orders-0";
    private static final String LAG = "kafka.consumer:type=consumer-fetch-manager-metrics,"
            + "client-id=connector-consumer-orders-sink-3,topic=orders,partition=7";
    private static final String COORDINATOR = "kafka.connect:type=connect-coordinator-metrics,"
            + "client-id=\"connect-10.0.0.5:8083\"";

    @Nested
    class Strimzi {
        @Test
        void producerTotals_areCountersNamedAfterTheTypeWithoutTheDomain_labelledWithTheTask() {
            KafkaClientSeries bean = bean(PRODUCER, Naming.STRIMZI);
            assertThat(bean.series("outgoing-byte-total"))
                    .isEqualTo(new PrometheusSeries("kafka_producer_outgoing_byte", true, null));
            assertThat(bean.labels()).containsExactly(Map.entry("clientid", "connector-producer-orders-0"),
                    Map.entry("connector", "orders"), Map.entry("task", "0"), Map.entry("worker", "w1"));
        }

        @Test
        void clientGauges_areKeptBySuffix_likeTheRules() {
            KafkaClientSeries bean = bean(PRODUCER, Naming.STRIMZI);
            assertThat(bean.series("connection-count"))
                    .isEqualTo(new PrometheusSeries("kafka_producer_connection_count", false, null));
            assertThat(bean.series("io-wait-ratio").family()).isEqualTo("kafka_producer_io_wait_ratio");
            assertThat(bean.series("outgoing-byte-rate")).as("client-level rates are not exported").isNull();
            assertThat(bean.series("request-latency-max")).as("maxima are not exported").isNull();
        }

        @Test
        void consumerAndAdminClients_areNamedAfterTheirTypes() {
            assertThat(bean("kafka.consumer:type=consumer-metrics,client-id=connector-consumer-s-0", Naming.STRIMZI)
                    .series("incoming-byte-total").family()).isEqualTo("kafka_consumer_incoming_byte");
            KafkaClientSeries admin = bean("kafka.admin.client:type=admin-client-metrics,"
                    + "client-id=connector-adminclient-orders-1", Naming.STRIMZI);
            assertThat(admin.series("connection-count").family()).isEqualTo("kafka_admin_client_connection_count");
            assertThat(admin.labels()).containsEntry("connector", "orders").containsEntry("task", "1");
            assertThat(bean("kafka.consumer:type=consumer-coordinator-metrics,client-id=c", Naming.STRIMZI)
                    .series("last-heartbeat-seconds-ago").family())
                    .isEqualTo("kafka_consumer_coordinator_last_heartbeat_seconds_ago");
        }

        @Test
        void workerGroupClient_givesCoordinatorAssignmentsAndNetworkSeries_withTheUnquotedClientId() {
            KafkaClientSeries coordinator = bean(COORDINATOR, Naming.STRIMZI);
            assertThat(coordinator.series("assigned-tasks").family())
                    .isEqualTo("kafka_connect_coordinator_assigned_tasks");
            assertThat(coordinator.series("assigned-connectors").family())
                    .isEqualTo("kafka_connect_coordinator_assigned_connectors");
            assertThat(coordinator.labels()).containsExactly(Map.entry("clientid", "connect-10.0.0.5:8083"),
                    Map.entry("worker", "w1"));
            assertThat(bean("kafka.connect:type=connect-metrics,client-id=connect-1", Naming.STRIMZI)
                    .series("connection-count").family()).isEqualTo("kafka_connect_connection_count");
        }

        @Test
        void perBrokerMetrics_haveANodeIdLabel_andKeepRatesAndAverages() {
            KafkaClientSeries node = bean("kafka.connect:type=connect-node-metrics,client-id=connect-1,node-id=node-2",
                    Naming.STRIMZI);
            assertThat(node.series("request-rate").family()).isEqualTo("kafka_connect_node_request_rate");
            assertThat(node.series("request-latency-avg").family()).isEqualTo("kafka_connect_node_request_latency_avg");
            assertThat(node.series("request-latency-max")).isNull();
            assertThat(node.labels()).containsEntry("nodeid", "node-2");
            assertThat(bean("kafka.producer:type=producer-node-metrics,client-id=p,node-id=node-1", Naming.STRIMZI)
                    .series("outgoing-byte-total").family()).isEqualTo("kafka_producer_node_outgoing_byte");
        }

        @Test
        void partitionLag_isTheFetchManagerSeries_withTopicPartitionAndTheSinkTask() {
            KafkaClientSeries lag = bean(LAG, Naming.STRIMZI);
            assertThat(lag.series("records-lag"))
                    .isEqualTo(new PrometheusSeries("kafka_consumer_fetch_manager_records_lag", false, null));
            assertThat(lag.series("records-lead-avg").family()).isEqualTo("kafka_consumer_fetch_manager_records_lead_avg");
            assertThat(lag.series("records-lag-max")).as("only the attribute itself, not a longer one").isNull();
            assertThat(lag.labels()).containsEntry("clientid", "connector-consumer-orders-sink-3")
                    .containsEntry("topic", "orders").containsEntry("partition", "7")
                    .containsEntry("connector", "orders-sink").containsEntry("task", "3");
        }

        @Test
        void perTopicMetrics_keepTheTopicAsALabel() {
            KafkaClientSeries topic = bean("kafka.producer:type=producer-topic-metrics,client-id=p,topic=orders",
                    Naming.STRIMZI);
            assertThat(topic.series("record-send-rate").family()).isEqualTo("kafka_producer_topic_record_send_rate");
            assertThat(topic.series("record-send-total").family()).isEqualTo("kafka_producer_topic_record_send");
            assertThat(topic.labels()).containsEntry("topic", "orders");
            KafkaClientSeries fetch = bean("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=c,topic=t",
                    Naming.STRIMZI);
            assertThat(fetch.series("bytes-consumed-total").family()).isEqualTo("kafka_consumer_fetch_manager_bytes_consumed");
            assertThat(fetch.labels()).containsEntry("clientid", "c").containsEntry("topic", "t");
        }

        @Test
        void appInfo_ofEveryClient_isStartTimeInSecondsAndVersionAndCommitIdInfo_labelledWithTheTask() {
            Map<String, Double> points = appInfoPoints("kafka.producer:type=app-info,"
                    + "client-id=connector-producer-orders-0", Naming.STRIMZI);
            String labels = "clientid=connector-producer-orders-0,connector=orders,task=0";
            assertThat(points).containsOnlyKeys("gauge kafka_producer_start_time_seconds{" + labels + ",worker=w1}",
                    "untyped kafka_producer_version_info{" + labels + ",version=4.3.1,worker=w1}",
                    "untyped kafka_producer_commit_id_info{clientid=connector-producer-orders-0,commit_id=26b251a4,"
                            + "connector=orders,task=0,worker=w1}");
            assertThat(points.get("gauge kafka_producer_start_time_seconds{" + labels + ",worker=w1}"))
                    .isCloseTo(1_700_000_000.5, within(1e-6));
            assertThat(appInfoPoints("kafka.admin.client:type=app-info,client-id=connector-adminclient-orders-1",
                    Naming.STRIMZI)).containsKey("untyped kafka_admin_client_version_info{clientid="
                    + "connector-adminclient-orders-1,connector=orders,task=1,version=4.3.1,worker=w1}");
            assertThat(appInfoPoints("kafka.connect:type=app-info,client-id=\"connect-10.0.0.5:8083\"",
                    Naming.STRIMZI)).as("the worker's group client, unquoted").containsKey(
                    "untyped kafka_connect_version_info{clientid=connect-10.0.0.5:8083,version=4.3.1,worker=w1}");
        }

        @Test
        void appInfo_twinWithAnIdKey_theWorkersOwn_andEmptyValues_giveNoSeries() {
            assertThat(KafkaClientSeries.appInfo(name("kafka.producer:type=app-info,id=p"), Naming.STRIMZI, "w1"))
                    .isNull();
            assertThat(KafkaClientSeries.appInfo(name("kafka.connect:type=app-info"), Naming.STRIMZI, "w1")).isNull();
            assertThat(KafkaClientSeries.appInfo(name("kafka.connect:type=app-info,client-id=w1"), Naming.STRIMZI,
                    "w1")).as("read from the worker's registry instead").isNull();
            SeriesFamilies families = new SeriesFamilies();
            AppInfoSeries producer = KafkaClientSeries.appInfo(name("kafka.producer:type=app-info,client-id=p"),
                    Naming.STRIMZI, "w1");
            assertThat(producer.addTo(families, "version", "")).isFalse();
            assertThat(producer.addTo(families, "start-time-ms", "soon")).isFalse();
            assertThat(producer.addTo(families, "commit-id", null)).isFalse();
            assertThat(Points.of(families)).isEmpty();
        }

        @Test
        void metricsCount_isLeftOut_andWorkerClientsGetNoTaskLabels() {
            assertThat(bean("kafka.producer:type=app-info,client-id=p", Naming.STRIMZI))
                    .as("app-info has rules of its own").isNull();
            assertThat(bean("kafka.producer:type=kafka-metrics-count,client-id=p", Naming.STRIMZI)).isNull();
            assertThat(bean("kafka.consumer:type=consumer-metrics,client-id=ferry-cluster-statuses", Naming.STRIMZI)
                    .labels()).containsOnlyKeys("clientid", "worker");
        }
    }

    @Nested
    class Confluent {
        @Test
        void workerGroupClient_keepsTheWholeTypeInTheName_withAClientIdLabel() {
            KafkaClientSeries network = bean("kafka.connect:type=connect-metrics,client-id=connect-1", Naming.CONFLUENT);
            assertThat(network.series("network-io-rate").family()).isEqualTo("kafka_connect_connect_metrics_network_io_rate");
            assertThat(network.series("request-latency-max").family())
                    .as("every attribute").isEqualTo("kafka_connect_connect_metrics_request_latency_max");
            assertThat(network.labels()).containsExactly(Map.entry("client_id", "connect-1"), Map.entry("worker", "w1"));
            assertThat(bean(COORDINATOR, Naming.CONFLUENT).series("assigned-tasks").family())
                    .isEqualTo("kafka_connect_connect_coordinator_metrics_assigned_tasks");
            assertThat(bean("kafka.connect:type=connect-node-metrics,client-id=c,node-id=node-1", Naming.CONFLUENT))
                    .as("not in Confluent's whitelist").isNull();
        }

        @Test
        void producersAndConsumers_areNamedByDomainAndType_withAClientTypeLabel() {
            KafkaClientSeries producer = bean(PRODUCER, Naming.CONFLUENT);
            assertThat(producer.series("outgoing-byte-rate").family())
                    .isEqualTo("kafka_producer_producer_metrics_outgoing_byte_rate");
            assertThat(producer.series("record-send-total"))
                    .isEqualTo(new PrometheusSeries("kafka_producer_producer_metrics_record_send", true, null));
            assertThat(producer.labels()).containsExactly(Map.entry("client_type", "producer"),
                    Map.entry("client_id", "connector-producer-orders-0"), Map.entry("connector", "orders"),
                    Map.entry("task", "0"), Map.entry("worker", "w1"));
            KafkaClientSeries lag = bean(LAG, Naming.CONFLUENT);
            assertThat(lag.series("records-lag").family())
                    .isEqualTo("kafka_consumer_consumer_fetch_manager_metrics_records_lag");
            assertThat(lag.labels()).containsEntry("client_type", "consumer").containsEntry("topic", "orders")
                    .containsEntry("partition", "7").containsEntry("connector", "orders-sink");
            assertThat(bean("kafka.producer:type=producer-node-metrics,client-id=p,node-id=node-1", Naming.CONFLUENT)
                    .labels()).containsEntry("node_id", "node-1");
        }

        @Test
        void appInfo_isAnAppInfoFamilyPerDomain_withEachAttributeAsALabel() {
            String client = "client_id=connector-consumer-audit-2,client_type=consumer,";
            assertThat(appInfoPoints("kafka.consumer:type=app-info,client-id=connector-consumer-audit-2",
                    Naming.CONFLUENT)).containsOnly(
                    entry("untyped kafka_consumer_app_info{" + client + "connector=audit,start_time_ms=1700000000500,"
                            + "task=2,worker=w1}", 1.0),
                    entry("untyped kafka_consumer_app_info{" + client + "connector=audit,task=2,version=4.3.1,worker=w1}",
                            1.0),
                    entry("untyped kafka_consumer_app_info{" + client + "commit_id=26b251a4,connector=audit,task=2,"
                            + "worker=w1}", 1.0));
            assertThat(appInfoPoints("kafka.connect:type=app-info,client-id=connect-1", Naming.CONFLUENT))
                    .as("the group client's app-info falls under the worker's rule, without client_type")
                    .containsKey("untyped kafka_connect_app_info{client_id=connect-1,version=4.3.1,worker=w1}");
        }

        @Test
        void appInfo_ofAdminClientsAndMonitoringInterceptors_isLeftOut_asTheConfigBlacklistsThem() {
            assertThat(KafkaClientSeries.appInfo(name("kafka.admin.client:type=app-info,client-id=a"),
                    Naming.CONFLUENT, "w1")).isNull();
            assertThat(KafkaClientSeries.appInfo(name("kafka.producer:type=app-info,"
                    + "client-id=confluent.monitoring.interceptor.p"), Naming.CONFLUENT, "w1")).isNull();
            assertThat(KafkaClientSeries.appInfo(name("kafka.consumer:type=app-info,id=c"), Naming.CONFLUENT, "w1"))
                    .isNull();
        }

        @Test
        void adminClientsMetricsCountsAndMonitoringInterceptors_areLeftOut_asTheConfigBlacklistsThem() {
            assertThat(bean("kafka.admin.client:type=admin-client-metrics,client-id=a", Naming.CONFLUENT)).isNull();
            assertThat(bean("kafka.consumer:type=kafka-metrics-count,client-id=c", Naming.CONFLUENT)).isNull();
            assertThat(bean("kafka.producer:type=producer-metrics,client-id=confluent.monitoring.interceptor.p",
                    Naming.CONFLUENT)).isNull();
            assertThat(KafkaClientSeries.patterns(Naming.CONFLUENT)).extracting(ObjectName::getDomain)
                    .doesNotContain("kafka.admin.client");
        }
    }

    @Test
    void scrapesQueryTheClientDomainsOnly_neverEveryMBean() {
        for (Naming naming : Naming.values()) {
            assertThat(KafkaClientSeries.patterns(naming)).allSatisfy(pattern ->
                    assertThat(pattern.getDomain()).startsWith("kafka."));
        }
        assertThat(KafkaClientSeries.patterns(Naming.STRIMZI)).extracting(ObjectName::getDomain)
                .contains("kafka.producer", "kafka.consumer", "kafka.admin.client", "kafka.connect");
    }

    @Test
    void appInfoPatterns_matchTheGroupClientsAppInfo_butNotItsIdTwin() {
        for (Naming naming : Naming.values()) {
            assertThat(KafkaClientSeries.patterns(naming)).as(naming.name())
                    .anyMatch(pattern -> pattern.apply(name("kafka.connect:type=app-info,client-id=\"connect-1:80\"")))
                    .noneMatch(pattern -> pattern.apply(name("kafka.connect:type=app-info,id=connect-1")))
                    .noneMatch(pattern -> pattern.apply(name("kafka.connect:type=app-info")));
        }
    }

    /** The points of an app-info MBean with kafka-clients' three attributes. */
    private static Map<String, Double> appInfoPoints(String bean, Naming naming) {
        AppInfoSeries series = KafkaClientSeries.appInfo(name(bean), naming, "w1");
        SeriesFamilies families = new SeriesFamilies();
        series.addTo(families, "start-time-ms", 1_700_000_000_500L);
        series.addTo(families, "version", "4.3.1");
        series.addTo(families, "commit-id", "26b251a4");
        return Points.of(families);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    private static KafkaClientSeries bean(String name, Naming naming) {
        try {
            return KafkaClientSeries.forBean(new ObjectName(name), naming, "w1");
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.policy.NoneConnectorClientConfigOverridePolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    private static final ConnectorTaskId TASK = new ConnectorTaskId("orders", 2);
    private static final Class<? extends Connector> SOURCE = SourceConnector.class;
    private static final Class<? extends Connector> SINK = SinkConnector.class;

    private static StandaloneConfig worker(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "bootstrap.servers", "broker:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/offsets"));
        props.putAll(extra);
        return new StandaloneConfig(props);
    }

    private static ClientConfigs all(StandaloneConfig worker) {
        return new ClientConfigs(worker, new AllConnectorClientConfigOverridePolicy(), "cluster-1");
    }

    @Test
    void producer_hasTheFrameworkDefaultsAndApachesClientId() {
        Map<String, Object> props = all(worker(Map.of())).producer(TASK, Map.of(), SOURCE);

        assertThat(props)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
                .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
                .containsEntry("max.block.ms", Long.toString(Long.MAX_VALUE))
                .containsEntry("enable.idempotence", "false")
                .containsEntry("acks", "all")
                .containsEntry("max.in.flight.requests.per.connection", "1")
                .containsEntry("delivery.timeout.ms", Integer.toString(Integer.MAX_VALUE))
                .containsEntry("client.id", "connector-producer-orders-2")
                .containsEntry("metrics.context.connect.kafka.cluster.id", "cluster-1")
                .doesNotContainKey("metrics.context.connect.group.id");
    }

    @Test
    void producer_layersWorkerPrefixThenConnectorOverrides() {
        StandaloneConfig worker = worker(Map.of("producer.linger.ms", "50", "producer.acks", "1", "consumer.fetch.min.bytes", "9",
                "metrics.context.env", "prod"));

        Map<String, Object> props = all(worker).producer(TASK,
                Map.of("producer.override.linger.ms", "5", "consumer.override.max.poll.records", "1"), SOURCE);

        assertThat(props).containsEntry("linger.ms", "5").containsEntry("acks", "1")
                .containsEntry("metrics.context.env", "prod")
                .doesNotContainKeys("fetch.min.bytes", "max.poll.records", "producer.linger.ms");
    }

    @Test
    void consumer_usesTheConnectorsGroupAndReadsFromTheBeginning() {
        Map<String, Object> props = all(worker(Map.of("consumer.max.poll.records", "100"))).consumer(TASK, Map.of(), SINK);

        assertThat(props)
                .containsEntry("group.id", "connect-orders")
                .containsEntry("client.id", "connector-consumer-orders-2")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .containsEntry("max.poll.records", "100");
        assertThat(ClientConfigs.consumerGroupId("orders")).isEqualTo("connect-orders");
    }

    @Test
    void consumer_groupIdCanBeOverriddenByTheConnector() {
        Map<String, Object> props = all(worker(Map.of())).consumer(TASK, Map.of("consumer.override.group.id", "legacy"), SINK);

        assertThat(props).containsEntry("group.id", "legacy");
    }

    @Test
    void admin_getsUnprefixedWorkerSettingsButNotOtherClientsPrefixes() {
        StandaloneConfig worker = worker(Map.of("security.protocol", "SASL_SSL", "producer.linger.ms", "50",
                "admin.request.timeout.ms", "7000"));

        Map<String, Object> props = all(worker).admin(TASK, Map.of(), SOURCE, ConnectorType.SOURCE);

        assertThat(props)
                .containsEntry("client.id", "connector-adminclient-orders-2")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("request.timeout.ms", "7000")
                .doesNotContainKeys("linger.ms", "producer.linger.ms", "admin.request.timeout.ms");
    }

    @Test
    void deadLetterQueueClients_haveApachesClientIds() {
        ClientConfigs configs = all(worker(Map.of()));

        assertThat(configs.dlqProducer(TASK, Map.of(), SINK)).containsEntry("client.id", "connector-dlq-producer-orders-2");
        assertThat(configs.dlqAdmin(TASK, Map.of(), SINK)).containsEntry("client.id", "connector-dlq-adminclient-");
        assertThat(configs.connectorAdmin("orders", Map.of(), SINK, ConnectorType.SINK))
                .containsEntry("client.id", "connector-worker-adminclient-orders");
    }

    @Test
    void sourceOffsetsConsumer_readsCommittedUnlessToldOtherwise() {
        ClientConfigs configs = all(worker(Map.of()));

        assertThat(configs.sourceOffsetsConsumer(TASK, Map.of(), SOURCE)).containsEntry("isolation.level", "read_committed");
        assertThat(configs.sourceOffsetsConsumer(TASK, Map.of("consumer.override.isolation.level", "read_uncommitted"), SOURCE))
                .containsEntry("isolation.level", "read_uncommitted");
    }

    @Test
    void overridesRefusedByThePolicy_failWithTheKeysAndTheFix() {
        ClientConfigs configs = new ClientConfigs(worker(Map.of("connector.client.config.override.policy", "None")),
                new NoneConnectorClientConfigOverridePolicy(), "cluster-1");

        assertThatThrownBy(() -> configs.producer(TASK, Map.of("producer.override.acks", "0"), SOURCE))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("producer.override.acks")
                .hasMessageContaining("None")
                .hasMessageContaining("Remove them from the connector config");
        assertThat(configs.producer(TASK, Map.of(), SOURCE)).containsEntry("acks", "all");
    }

    @Test
    void transactionalId_isGroupConnectorAndTask() {
        assertThat(ClientConfigs.transactionalId("connect-cluster", TASK)).isEqualTo("connect-cluster-orders-2");
    }
}

package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DistributedConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("group.id", "connect-cluster");
        props.put("config.storage.topic", "connect-configs");
        props.put("offset.storage.topic", "connect-offsets");
        props.put("status.storage.topic", "connect-status");
        return props;
    }

    @Test
    void minimalDistributedConfig_hasApachesDefaults() {
        DistributedConfig config = new DistributedConfig(minimal());

        assertThat(config.groupId()).isEqualTo("connect-cluster");
        assertThat(config.configTopic()).isEqualTo("connect-configs");
        assertThat(config.offsetsTopic()).isEqualTo("connect-offsets");
        assertThat(config.statusTopic()).isEqualTo("connect-status");
        assertThat(config.getInt("offset.storage.partitions")).isEqualTo(25);
        assertThat(config.getShort("offset.storage.replication.factor")).isEqualTo((short) 3);
        assertThat(config.getInt("status.storage.partitions")).isEqualTo(5);
        assertThat(config.getShort("config.storage.replication.factor")).isEqualTo((short) 3);
        assertThat(config.getInt("session.timeout.ms")).isEqualTo(10000);
        assertThat(config.getInt("heartbeat.interval.ms")).isEqualTo(3000);
        assertThat(config.rebalanceTimeoutMs()).isEqualTo(60000);
        assertThat(config.connectProtocol()).isEqualTo("sessioned");
        assertThat(config.scheduledRebalanceMaxDelayMs()).isEqualTo(300000);
        assertThat(config.getInt("worker.sync.timeout.ms")).isEqualTo(3000);
        assertThat(config.getInt("worker.unsync.backoff.ms")).isEqualTo(300000);
        assertThat(config.getInt("request.timeout.ms")).isEqualTo(40000);
        assertThat(config.getLong("connections.max.idle.ms")).isEqualTo(540000L);
        assertThat(config.getInt("inter.worker.key.ttl.ms")).isEqualTo(3600000);
        assertThat(config.exactlyOnceSourceSupport()).isEqualTo("disabled");
        assertThat(config.exactlyOnceSourceEnabled()).isFalse();
        assertThat(config.transactionalLeaderEnabled()).isFalse();
        assertThat(config.connectorOffsetsTopicsPermitted()).isTrue();
    }

    @Test
    void missingGroupAndTopics_areNamedWithExamples() {
        assertThatThrownBy(() -> new DistributedConfig(Map.of("bootstrap.servers", "b:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problem(s)")
                .hasMessageContaining("'group.id=connect-cluster'")
                .hasMessageContaining("CONNECT_CONFIG_STORAGE_TOPIC")
                .hasMessageContaining("'offset.storage.topic=connect-offsets'")
                .hasMessageContaining("status.storage.topic");
    }

    @Test
    void exactlyOnceSupport_isCaseInsensitive() {
        Map<String, String> props = minimal();
        props.put("exactly.once.source.support", "ENABLED");

        DistributedConfig config = new DistributedConfig(props);

        assertThat(config.exactlyOnceSourceEnabled()).isTrue();
        assertThat(config.transactionalLeaderEnabled()).isTrue();
    }

    @Test
    void signatureAlgorithmMissingFromVerification_isRejected() {
        Map<String, String> props = minimal();
        props.put("inter.worker.signature.algorithm", "HmacSHA512");

        assertThatThrownBy(() -> new DistributedConfig(props))
                .hasMessageContaining("inter.worker.verification.algorithms")
                .hasMessageContaining("HmacSHA512");
    }

    @Test
    void unknownMacAlgorithm_isRejected() {
        Map<String, String> props = minimal();
        props.put("inter.worker.verification.algorithms", "HmacSHA256,NoSuchMac");

        assertThatThrownBy(() -> new DistributedConfig(props)).hasMessageContaining("NoSuchMac");
    }

    @Test
    void internalTopicSettings_leaveOutWhatConnectControls() {
        Map<String, String> props = minimal();
        props.put("offset.storage.min.insync.replicas", "2");
        props.put("offset.storage.cleanup.policy", "delete");
        props.put("status.storage.retention.ms", "1000");

        DistributedConfig config = new DistributedConfig(props);

        assertThat(config.topicSettings(DistributedConfig.OFFSET_STORAGE_PREFIX)).containsExactly(Map.entry("min.insync.replicas", "2"));
        assertThat(config.topicSettings(DistributedConfig.STATUS_STORAGE_PREFIX)).containsExactly(Map.entry("retention.ms", "1000"));
        assertThat(config.topicSettings(DistributedConfig.CONFIG_STORAGE_PREFIX)).isEmpty();
    }

    @Test
    void clientConfigs_carryTheGroupIdInTheMetricsContext() {
        ClientConfigs configs = new ClientConfigs(new DistributedConfig(minimal()),
                new dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy(), "cluster-1");

        Map<String, Object> producer = configs.exactlyOnceProducer(new dev.ferry.runtime.model.ConnectorTaskId("orders", 0), Map.of(),
                org.apache.kafka.connect.source.SourceConnector.class);

        assertThat(producer).containsEntry("metrics.context.connect.group.id", "connect-cluster")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("transactional.id", "connect-cluster-orders-0");
    }
}

package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@WithKafka
class CreateTopicTest {

    @Test
    void createTopic_appliesPartitionCountAndTopicConfigs(KafkaBroker broker) throws Exception {
        broker.createTopic("create-topic-compacted", 3,
                Map.of("cleanup.policy", "compact", "retention.ms", "123456"));

        try (Admin admin = Admin.create(broker.adminConfig())) {
            TopicDescription description = admin.describeTopics(List.of("create-topic-compacted"))
                    .allTopicNames().get().get("create-topic-compacted");
            assertThat(description.partitions()).hasSize(3)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "create-topic-compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("123456");
            assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    @Test
    void createTopic_withoutConfigs_usesBrokerDefaults(KafkaBroker broker) throws Exception {
        broker.createTopic("create-topic-defaults", 1);

        try (Admin admin = Admin.create(broker.adminConfig())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "create-topic-defaults");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("cleanup.policy").isDefault()).isTrue();
        }
    }

    @Test
    void createTopic_existingName_failsAndSuggestsAUniqueName(KafkaBroker broker) {
        broker.createTopic("create-topic-twice", 1, Map.of());

        assertThatThrownBy(() -> broker.createTopic("create-topic-twice", 1, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'create-topic-twice' already exists")
                .hasMessageContaining("own topic name");
    }

    @Test
    void createTopic_invalidConfigValue_failsNamingTheTopicAndConfigs(KafkaBroker broker) {
        assertThatThrownBy(() -> broker.createTopic("create-topic-invalid", 1, Map.of("cleanup.policy", "shred")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("create-topic-invalid")
                .hasMessageContaining("cleanup.policy=shred");
    }

    @Test
    void clientConfigs_pointAtTheBrokerAndAreIndependentCopies(KafkaBroker broker) {
        Map<String, Object> first = broker.consumerConfig();
        first.put("group.id", "changed");

        assertThat(broker.adminConfig()).containsEntry("bootstrap.servers", broker.bootstrapServers());
        assertThat(broker.producerConfig()).containsEntry("bootstrap.servers", broker.bootstrapServers());
        assertThat(broker.consumerConfig())
                .containsEntry("bootstrap.servers", broker.bootstrapServers())
                .containsEntry("auto.offset.reset", "earliest")
                .doesNotContainKey("group.id");
    }
}

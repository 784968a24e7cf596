package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating and checking internal topics against a real broker. */
@WithKafka
class InternalTopicsTest {
    private KafkaBroker broker;
    private Admin admin;

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(broker.adminConfig());
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void missingTopic_isCreatedCompactedWithTheConfiguredPartitionsAndExtraConfigs() throws Exception {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of(
                "status.storage.partitions", "4", "status.storage.min.insync.replicas", "1",
                "status.storage.cleanup.policy", "delete"));
        TopicSpec spec = TopicSpec.statusTopic(config);
        assertThat(spec.extraConfigs()).isEqualTo(Map.of("min.insync.replicas", "1"));

        InternalTopics.ensure(admin, spec);
        InternalTopics.ensure(admin, spec);

        TopicDescription description = describedOnceKnown(spec.topic());
        assertThat(description.partitions()).hasSize(4);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.topic());
        Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(topicConfig.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(topicConfig.get("min.insync.replicas").value()).isEqualTo("1");
    }

    @Test
    void configTopic_isAlwaysCreatedWithOnePartition() throws Exception {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of("config.storage.partitions", "3"));

        InternalTopics.ensure(admin, TopicSpec.configTopic(config));

        assertThat(describedOnceKnown(config.configTopic()).partitions()).hasSize(1);
    }

    /**
     * The topic's description, asked again while the broker does not know the topic yet: a creation is acknowledged
     * once the controller has it, and the broker's own metadata may catch up a moment later (a CI run saw
     * UnknownTopicOrPartitionException right after the create).
     */
    private TopicDescription describedOnceKnown(String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void existingTopicThatAlsoDeletes_isRefusedWithTheFoundPolicyAndTheFix() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        broker.createTopic(config.offsetsTopic(), 1, Map.of("cleanup.policy", "compact,delete"));

        assertThatThrownBy(() -> InternalTopics.ensure(admin, TopicSpec.offsetsTopic(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Topic '" + config.offsetsTopic() + "'")
                .hasMessageContaining("'offset.storage.topic'")
                .hasMessageContaining("'cleanup.policy=compact,delete'")
                .hasMessageContaining("source connector offsets")
                .hasMessageContaining("Set 'offset.storage.topic'");
    }

    @Test
    void existingCompactedTopic_isAccepted() {
        DistributedConfig config = StoreTestSupport.workerConfig(broker, Map.of());
        broker.createTopic(config.statusTopic(), 2, Map.of("cleanup.policy", "compact"));

        InternalTopics.ensure(admin, TopicSpec.statusTopic(config));
    }
}

package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.fixtures.FixturePlugins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceTask.TransactionBoundary;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

    private static final String SINK = "dev.ferry.runtime.config.fixtures.FixtureSinkConnector";
    private static final String SOURCE = "dev.ferry.runtime.config.fixtures.FixtureSourceConnector";
    private static final String TRANSFORMATION = "dev.ferry.runtime.config.fixtures.FixtureTransformation";
    private static final String PREDICATE = "dev.ferry.runtime.config.fixtures.FixturePredicate";

    private static Map<String, String> config(String connectorClass, String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("name", "c", "connector.class", connectorClass));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    @Test
    void sinkConfig_hasApachesDefaults() {
        SinkConnectorConfig config = new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK, "topics", "a, b,a"));

        assertThat(config.name()).isEqualTo("c");
        assertThat(config.tasksMax()).isEqualTo(1);
        assertThat(config.tasksMaxEnforce()).isTrue();
        assertThat(config.topics()).containsExactly("a", "b");
        assertThat(config.topicsRegex()).isNull();
        assertThat(config.errorsToleranceAll()).isFalse();
        assertThat(config.errorsRetryTimeout()).isZero();
        assertThat(config.errorsRetryMaxDelayMs()).isEqualTo(60000L);
        assertThat(config.errorsLogEnable()).isFalse();
        assertThat(config.errorsLogIncludeMessages()).isFalse();
        assertThat(config.dlqTopic()).isEmpty();
        assertThat(config.dlqReplicationFactor()).isEqualTo((short) 3);
        assertThat(config.dlqContextHeadersEnable()).isFalse();
        assertThat(config.configReloadAction()).isEqualTo("restart");
        assertThat(config.keyConverterClass()).isNull();
        assertThat(config.headerConverterClass()).isNull();
        assertThat(config.transformAliases()).isEmpty();
        assertThat(config.enableErrantRecordReporter()).isFalse();
    }

    @Test
    void sinkConfig_readsErrorHandlingAndDeadLetterQueueSettings() {
        SinkConnectorConfig config = new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK, "topics.regex", "orders-.*",
                "errors.tolerance", "all", "errors.retry.timeout", "-1", "errors.retry.delay.max.ms", "1000",
                "errors.log.enable", "true", "errors.log.include.messages", "true",
                "errors.deadletterqueue.topic.name", " dlq ", "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        assertThat(config.topicsRegex().pattern()).isEqualTo("orders-.*");
        assertThat(config.topics()).isEmpty();
        assertThat(config.errorsToleranceAll()).isTrue();
        assertThat(config.errorsRetryTimeout()).isEqualTo(-1L);
        assertThat(config.errorsRetryMaxDelayMs()).isEqualTo(1000L);
        assertThat(config.errorsLogEnable()).isTrue();
        assertThat(config.errorsLogIncludeMessages()).isTrue();
        assertThat(config.dlqTopic()).isEqualTo("dlq");
        assertThat(config.dlqReplicationFactor()).isEqualTo((short) 1);
        assertThat(config.dlqContextHeadersEnable()).isTrue();
        assertThat(config.enableErrantRecordReporter()).isTrue();
    }

    @Test
    void sinkConfig_withoutTopics_cannotBeBuilt() {
        assertThatThrownBy(() -> new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Must configure one of topics or topics.regex");
    }

    @Test
    void transformations_exposeTheirClassSettingsAndPredicates() {
        SinkConnectorConfig config = new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK, "topics", "t",
                "transforms", "first,second",
                "transforms.first.type", TRANSFORMATION, "transforms.first.field", "id",
                "transforms.first.predicate", "isOrders", "transforms.first.negate", "true",
                "transforms.second.type", "FixtureTransformation", "transforms.second.field", "name",
                "predicates", "isOrders", "predicates.isOrders.type", PREDICATE, "predicates.isOrders.pattern", "orders"));

        assertThat(config.transformAliases()).containsExactly("first", "second");
        assertThat(config.transformClass("first").getName()).isEqualTo(TRANSFORMATION);
        assertThat(config.transformClass("second").getName()).isEqualTo(TRANSFORMATION);
        assertThat(config.transformConfig("first")).containsEntry("field", "id").containsEntry("type", TRANSFORMATION)
                .doesNotContainKeys("predicate", "negate");
        assertThat(config.transformPredicate("first")).isEqualTo("isOrders");
        assertThat(config.transformNegate("first")).isTrue();
        assertThat(config.transformPredicate("second")).isNull();
        assertThat(config.transformNegate("second")).isFalse();
        assertThat(config.predicateAliases()).containsExactly("isOrders");
        assertThat(config.predicateClass("isOrders").getName()).isEqualTo(PREDICATE);
        assertThat(config.predicateConfig("isOrders")).containsEntry("pattern", "orders");
    }

    @Test
    void unknownTransformation_cannotBeBuiltAndTheErrorNamesTheKey() {
        assertThatThrownBy(() -> new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK, "topics", "t",
                "transforms", "x", "transforms.x.type", "com.example.Missing")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("transforms.x.type")
                .hasMessageContaining("com.example.Missing");
    }

    @Test
    void transformationMissingItsRequiredSetting_cannotBeBuilt() {
        assertThatThrownBy(() -> new SinkConnectorConfig(FixturePlugins.plugins(), config(SINK, "topics", "t",
                "transforms", "x", "transforms.x.type", TRANSFORMATION)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("transforms.x.field");
    }

    @Test
    void converterSettings_areReadWithoutPrefixAndVersion() {
        ConnectorConfig config = new ConnectorConfig(FixturePlugins.plugins(), config(SINK,
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter.encoding", "UTF-16", "value.converter.plugin.version", "4.3.1"));

        assertThat(config.valueConverterClass().getSimpleName()).isEqualTo("StringConverter");
        assertThat(config.converterConfig("value.converter")).containsExactly(Map.entry("encoding", "UTF-16"));
    }

    @Test
    void sourceTopicCreation_groupsAreMatchedInOrderThenTheDefault() {
        SourceConnectorConfig config = new SourceConnectorConfig(FixturePlugins.plugins(), config(SOURCE,
                "topic.creation.default.replication.factor", "3", "topic.creation.default.partitions", "6",
                "topic.creation.default.include", "ignored-.*", "topic.creation.default.retention.ms", "1000",
                "topic.creation.groups", "compacted,default",
                "topic.creation.compacted.include", "orders-.*,users",
                "topic.creation.compacted.exclude", "orders-archive",
                "topic.creation.compacted.partitions", "1",
                "topic.creation.compacted.cleanup.policy", "compact"), true);

        assertThat(config.usesTopicCreation()).isTrue();
        List<TopicCreationGroup> groups = config.topicCreationGroups();
        assertThat(groups).extracting(TopicCreationGroup::name).containsExactly("compacted", "default");
        TopicCreationGroup compacted = groups.get(0);
        assertThat(compacted.matches("orders-eu")).isTrue();
        assertThat(compacted.matches("users")).isTrue();
        assertThat(compacted.matches("orders-archive")).isFalse();
        assertThat(compacted.matches("payments")).isFalse();
        assertThat(compacted.replicationFactor()).isEqualTo((short) 3);
        assertThat(compacted.partitions()).isEqualTo(1);
        NewTopic topic = compacted.newTopic("orders-eu");
        assertThat(topic.name()).isEqualTo("orders-eu");
        assertThat(topic.numPartitions()).isEqualTo(1);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(config.topicCreationGroupFor("payments").name()).isEqualTo("default");
        assertThat(config.topicCreationGroupFor("orders-archive").name()).isEqualTo("default");
        assertThat(groups.get(1).topicConfigs()).containsExactly(Map.entry("retention.ms", "1000"));
    }

    @Test
    void sourceTopicCreation_brokerDefaultsBecomeEmptyNumbersOnTheNewTopic() {
        SourceConnectorConfig config = new SourceConnectorConfig(FixturePlugins.plugins(), config(SOURCE,
                "topic.creation.default.replication.factor", "-1", "topic.creation.default.partitions", "-1"), true);

        NewTopic topic = config.topicCreationGroups().get(0).newTopic("t");

        assertThat(topic.replicationFactor()).isEqualTo((short) -1);
        assertThat(topic.numPartitions()).isEqualTo(-1);
        assertThat(topic.replicasAssignments()).isNull();
    }

    @Test
    void sourceTopicCreation_isOffWithoutSettingsOrWhenTheWorkerDisablesIt() {
        Map<String, String> withSettings = config(SOURCE, "topic.creation.default.replication.factor", "1",
                "topic.creation.default.partitions", "1");

        assertThat(new SourceConnectorConfig(FixturePlugins.plugins(), config(SOURCE), true).topicCreationGroups()).isEmpty();
        assertThat(new SourceConnectorConfig(FixturePlugins.plugins(), withSettings, false).usesTopicCreation()).isFalse();
        assertThat(new SourceConnectorConfig(FixturePlugins.plugins(), withSettings, false).topicCreationGroupFor("t")).isNull();
    }

    @Test
    void sourceTopicCreation_missingDefaultNumbers_cannotBeBuilt() {
        assertThatThrownBy(() -> new SourceConnectorConfig(FixturePlugins.plugins(),
                config(SOURCE, "topic.creation.default.partitions", "1"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.creation.default.replication.factor");
    }

    @Test
    void sourceConfig_readsExactlyOnceSettings() {
        SourceConnectorConfig defaults = new SourceConnectorConfig(FixturePlugins.plugins(), config(SOURCE), true);
        SourceConnectorConfig set = new SourceConnectorConfig(FixturePlugins.plugins(), config(SOURCE,
                "exactly.once.support", "REQUIRED", "transaction.boundary", "interval",
                "transaction.boundary.interval.ms", "500", "offsets.storage.topic", "src-offsets"), true);

        assertThat(defaults.exactlyOnceSupport()).isEqualTo("requested");
        assertThat(defaults.exactlyOnceRequired()).isFalse();
        assertThat(defaults.transactionBoundary()).isEqualTo(TransactionBoundary.POLL);
        assertThat(defaults.transactionBoundaryIntervalMs()).isNull();
        assertThat(defaults.offsetsTopic()).isNull();
        assertThat(set.exactlyOnceRequired()).isTrue();
        assertThat(set.transactionBoundary()).isEqualTo(TransactionBoundary.INTERVAL);
        assertThat(set.transactionBoundaryIntervalMs()).isEqualTo(500L);
        assertThat(Optional.ofNullable(set.offsetsTopic())).hasValue("src-offsets");
    }

    @Test
    void frameworkDefinitions_matchApachesGroupsAndOrder() {
        assertThat(SinkConnectorConfig.configDef().groups()).containsExactly("Common", "Transforms", "Predicates", "Error Handling");
        assertThat(SourceConnectorConfig.configDef().groups()).containsExactly("Common", "Transforms", "Predicates",
                "Error Handling", "Topic Creation", "Exactly Once Support", "offsets.topic");
        assertThat(ConnectorConfig.configDef().configKeys().keySet()).containsExactly("name", "connector.class",
                "connector.plugin.version", "tasks.max", "tasks.max.enforce", "key.converter", "key.converter.plugin.version",
                "value.converter", "value.converter.plugin.version", "header.converter", "header.converter.plugin.version",
                "transforms", "predicates", "config.action.reload", "errors.retry.timeout", "errors.retry.delay.max.ms",
                "errors.tolerance", "errors.log.enable", "errors.log.include.messages");
    }
}

package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.fixtures.FixturePlugins;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import dev.ferry.runtime.policy.NoneConnectorClientConfigOverridePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigValidatorTest {

    private static final String SINK = "dev.ferry.runtime.config.fixtures.FixtureSinkConnector";
    private static final String SOURCE = "dev.ferry.runtime.config.fixtures.FixtureSourceConnector";
    private static final String TRANSFORMATION = "dev.ferry.runtime.config.fixtures.FixtureTransformation";
    private static final String PREDICATE = "dev.ferry.runtime.config.fixtures.FixturePredicate";
    private static final String CONVERTER = "dev.ferry.runtime.config.fixtures.FixtureConverter";

    private static StandaloneConfig worker(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "bootstrap.servers", "broker:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/offsets",
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
        props.putAll(extra);
        return new StandaloneConfig(props);
    }

    private static ConnectorConfigValidator validator(Map<String, String> workerExtra, ConnectorClientConfigOverridePolicy policy) {
        StandaloneConfig worker = worker(workerExtra);
        return new ConnectorConfigValidator(FixturePlugins.plugins(), worker,
                ConfigResolver.fromWorkerConfig(worker, ConfigResolver.ProviderFactory.CLASSPATH), policy);
    }

    private static ConnectorConfigValidator validator() {
        return validator(Map.of(), new AllConnectorClientConfigOverridePolicy());
    }

    private static Map<String, String> sink(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("name", "s", "connector.class", SINK, "topics", "orders"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static Map<String, String> source(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("name", "src", "connector.class", SOURCE));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static Optional<ValidationResult.Entry> entry(ValidationResult result, String name) {
        return result.configs().stream()
                .filter(e -> e.value() != null ? e.value().name().equals(name) : e.definition().name.equals(name))
                .findFirst();
    }

    private static List<String> errors(ValidationResult result, String name) {
        return entry(result, name).map(ValidationResult.Entry::value).map(ConfigValue::errorMessages).orElse(List.of());
    }

    @Test
    void sinkWithoutTopicsAndZeroTasks_givesApachesErrorsAndMessage() {
        Map<String, String> config = new HashMap<>(Map.of("name", "s", "connector.class", "FixtureSink", "tasks.max", "0"));

        ValidationResult result = validator().validate(config);

        assertThat(result.errorCount()).isEqualTo(3);
        assertThat(result.connectorClass()).isEqualTo("FixtureSink");
        assertThat(ConnectorConfigValidator.invalidConfigMessage(result)).isEqualTo(
                "Connector configuration is invalid and contains the following 3 error(s):\n"
                        + "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
                        + "Must configure one of topics or topics.regex\n"
                        + "Must configure one of topics or topics.regex\n"
                        + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
    }

    @Test
    void validSink_listsFrameworkAndConnectorSettingsInGroupOrder() {
        ValidationResult result = validator().validate(sink("fixture.mode", "b"));

        assertThat(result.errorCount()).isZero();
        assertThat(result.groups()).containsExactly("Common", "Transforms", "Predicates", "Error Handling", "Fixture");
        assertThat(result.configs().get(0).definition().name).isEqualTo("name");
        assertThat(entry(result, "fixture.mode")).hasValueSatisfying(e -> {
            assertThat(e.definition().group).isEqualTo("Fixture");
            assertThat(e.value().value()).isEqualTo("b");
        });
        assertThat(entry(result, "errors.deadletterqueue.topic.replication.factor")).isPresent();
        assertThat(entry(result, "producer.override.acks")).isEmpty();
    }

    @Test
    void bothTopicsAndRegex_isAnErrorOnBothKeys() {
        ValidationResult result = validator().validate(sink("topics.regex", "orders-.*"));

        assertThat(result.errorCount()).isEqualTo(2);
        assertThat(errors(result, "topics")).containsExactly("topics and topics.regex are mutually exclusive options, but both are set.");
        assertThat(errors(result, "topics.regex")).hasSize(1);
    }

    @Test
    void deadLetterQueueAmongTheConsumedTopics_isAnError() {
        ValidationResult result = validator().validate(sink("topics", "orders,dlq", "errors.deadletterqueue.topic.name", "dlq"));

        assertThat(errors(result, "topics")).singleElement().asString()
                .contains("The DLQ topic 'dlq' may not be included in the list of topics ('topics=[orders, dlq]')");
    }

    @Test
    void connectorsOwnValidationErrors_areCounted() {
        ValidationResult result = validator().validate(sink("fixture.mode", "c"));

        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(errors(result, "fixture.mode")).singleElement().asString().contains("fixture.mode");
    }

    @Test
    void nullValue_isAnErrorEvenForAKeyNobodyDefines() {
        Map<String, String> config = sink();
        config.put("unknown.key", null);

        ValidationResult result = validator().validate(config);

        assertThat(entry(result, "unknown.key")).hasValueSatisfying(e -> {
            assertThat(e.definition()).isNull();
            assertThat(e.value().errorMessages()).containsExactly("Null value can not be supplied as the configuration value.");
        });
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void missingConnectorClass_isABadRequestNamingTheFix() {
        assertThatThrownBy(() -> validator().validate(Map.of("name", "x")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'connector.class'")
                .hasMessageContaining("GET /connector-plugins");
    }

    @Test
    void unknownConnectorClass_isABadRequestNamingTheClass() {
        assertThatThrownBy(() -> validator().validate(Map.of("name", "x", "connector.class", "com.example.Nope")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("com.example.Nope");
    }

    @Test
    void unavailableConnectorVersion_isABadRequest() {
        assertThatThrownBy(() -> validator().validate(sink("connector.plugin.version", "[7.0,8.0)")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1.0");
    }

    @Test
    void transformation_addsItsOwnSettingsUnderItsAlias() {
        ValidationResult result = validator().validate(sink("transforms", "mask", "transforms.mask.type", TRANSFORMATION));

        assertThat(result.groups()).contains("Transforms: mask");
        assertThat(entry(result, "transforms.mask.type")).hasValueSatisfying(e -> {
            assertThat(e.definition().type).isEqualTo(ConfigDef.Type.CLASS);
            assertThat(e.definition().group).isEqualTo("Transforms: mask");
        });
        assertThat(entry(result, "transforms.mask.predicate")).isPresent();
        assertThat(entry(result, "transforms.mask.negate")).isPresent();
        assertThat(entry(result, "transforms.mask.plugin.version")).isPresent();
        assertThat(errors(result, "transforms.mask.field"))
                .containsExactly("Missing required configuration \"transforms.mask.field\" which has no default value.");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void negateWithoutPredicate_isReportedOnTheTransformationType() {
        ValidationResult result = validator().validate(sink("transforms", "mask", "transforms.mask.type", TRANSFORMATION,
                "transforms.mask.field", "f", "transforms.mask.negate", "true"));

        assertThat(errors(result, "transforms.mask.type")).containsExactly("Config 'transforms.mask.negate' was provided "
                + "but there is no config 'transforms.mask.predicate' defining a predicate to be negated.");
    }

    @Test
    void unknownTransformation_isAnErrorOnItsTypeKey() {
        ValidationResult result = validator().validate(sink("transforms", "mask", "transforms.mask.type", "com.example.NoSuchSmt"));

        assertThat(errors(result, "transforms.mask.type")).singleElement().asString().contains("com.example.NoSuchSmt");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void missingTransformationType_isAMissingRequiredSetting() {
        ValidationResult result = validator().validate(sink("transforms", "mask"));

        assertThat(errors(result, "transforms.mask.type"))
                .containsExactly("Missing required configuration \"transforms.mask.type\" which has no default value.");
    }

    @Test
    void duplicateTransformationAliases_areAnError() {
        ValidationResult result = validator().validate(sink("transforms", "a,a", "transforms.a.type", TRANSFORMATION,
                "transforms.a.field", "f"));

        assertThat(errors(result, "transforms")).singleElement().asString().contains("Duplicate alias provided.");
    }

    @Test
    void predicate_addsItsOwnSettingsUnderItsAlias() {
        ValidationResult result = validator().validate(sink("predicates", "p", "predicates.p.type", PREDICATE,
                "transforms", "mask", "transforms.mask.type", TRANSFORMATION, "transforms.mask.field", "f",
                "transforms.mask.predicate", "p"));

        assertThat(result.groups()).contains("Predicates: p");
        assertThat(errors(result, "predicates.p.pattern"))
                .containsExactly("Missing required configuration \"predicates.p.pattern\" which has no default value.");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void clientOverridesRefusedByThePolicy_areReportedWithTheirPrefix() {
        ConnectorConfigValidator validator = validator(Map.of("connector.client.config.override.policy", "None"),
                new NoneConnectorClientConfigOverridePolicy());

        ValidationResult result = validator.validate(sink("consumer.override.max.poll.records", "5",
                "producer.override.acks", "0"));

        assertThat(entry(result, "consumer.override.max.poll.records")).hasValueSatisfying(e -> {
            assertThat(e.definition().name).isEqualTo("consumer.override.max.poll.records");
            assertThat(e.value().errorMessages()).singleElement().asString().contains("max.poll.records");
        });
        // a sink without a dead letter queue has no producer, so producer overrides are not judged
        assertThat(entry(result, "producer.override.acks")).isEmpty();
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void sinkWithADeadLetterQueue_hasItsProducerAndAdminOverridesJudged() {
        ConnectorConfigValidator validator = validator(Map.of("connector.client.config.override.policy", "None"),
                new NoneConnectorClientConfigOverridePolicy());

        ValidationResult result = validator.validate(sink("errors.deadletterqueue.topic.name", "dlq",
                "producer.override.acks", "0", "admin.override.request.timeout.ms", "1000"));

        assertThat(errors(result, "producer.override.acks")).hasSize(1);
        assertThat(errors(result, "admin.override.request.timeout.ms")).hasSize(1);
        assertThat(result.errorCount()).isEqualTo(2);
    }

    @Test
    void connectorConverter_isValidatedAgainstItsOwnSettings() {
        ValidationResult result = validator().validate(sink("key.converter", CONVERTER, "key.converter.fixture.level", "-1"));

        assertThat(errors(result, "key.converter.fixture.level")).singleElement().asString().contains("-1");
        assertThat(entry(result, "key.converter.converter.type")).hasValueSatisfying(e ->
                assertThat(e.value().value()).isEqualTo("key"));
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void unknownConverter_isAnErrorOnTheConverterKey() {
        ValidationResult result = validator().validate(sink("value.converter", "com.example.NoSuchConverter"));

        assertThat(errors(result, "value.converter")).singleElement().asString().contains("com.example.NoSuchConverter");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void sourceTopicCreation_requiresTheDefaultGroupsNumbers() {
        ValidationResult result = validator().validate(source("topic.creation.default.partitions", "3"));

        assertThat(errors(result, "topic.creation.default.replication.factor")).containsExactly(
                "Missing required configuration \"topic.creation.default.replication.factor\" which has no default value.");
        assertThat(result.errorCount()).isEqualTo(1);
        assertThat(result.groups()).contains("Topic Creation", "Topic Creation: default", "Exactly Once Support");
    }

    @Test
    void sourceTopicCreation_isIgnoredWhenTheWorkerDisablesIt() {
        ValidationResult result = validator(Map.of("topic.creation.enable", "false"), new AllConnectorClientConfigOverridePolicy())
                .validate(source("topic.creation.default.partitions", "3"));

        assertThat(result.errorCount()).isZero();
        assertThat(entry(result, "topic.creation.default.replication.factor")).isEmpty();
    }

    @Test
    void sourceTopicCreationGroup_inheritsAndValidatesItsSettings() {
        ValidationResult result = validator().validate(source("topic.creation.default.partitions", "3",
                "topic.creation.default.replication.factor", "1", "topic.creation.groups", "compacted",
                "topic.creation.compacted.include", "orders-(", "topic.creation.compacted.partitions", "0"));

        assertThat(errors(result, "topic.creation.compacted.include")).singleElement().asString().contains("regular expression");
        assertThat(errors(result, "topic.creation.compacted.partitions")).hasSize(1);
        assertThat(entry(result, "topic.creation.compacted.replication.factor"))
                .hasValueSatisfying(e -> assertThat(e.value().value()).isEqualTo((short) 1));
    }

    @Test
    void requiredExactlyOnce_onAWorkerWithoutIt_isAnErrorNamingTheWorkerSetting() {
        ValidationResult result = validator().validate(source("exactly.once.support", "required", "fixture.eos", "yes"));

        assertThat(errors(result, "exactly.once.support")).singleElement().asString().contains("exactly.once.source.support=enabled");
    }

    @Test
    void connectorTransactionBoundary_isRefusedWhenTheConnectorCannotDefineThem() {
        ValidationResult result = validator().validate(source("transaction.boundary", "connector"));

        assertThat(errors(result, "transaction.boundary")).singleElement().asString().contains("canDefineTransactionBoundaries");
    }

    @Test
    void references_areResolvedBeforeValidationButNeverReturned(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("s.properties");
        Files.writeString(secrets, "tasks=0\n");

        ValidationResult result = validator().validate(sink("tasks.max", "${file:" + secrets + ":tasks}"));

        assertThat(errors(result, "tasks.max")).containsExactly("Invalid value 0 for configuration tasks.max: Value must be at least 1");
    }

    @Test
    void unreadableReference_isABadRequest(@TempDir Path dir) {
        assertThatThrownBy(() -> validator().validate(sink("tasks.max", "${file:" + dir.resolve("missing") + ":tasks}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Could not read properties from file " + dir.resolve("missing"))
                .hasMessageContaining("Check that the file or directory exists on this worker");
    }

    @Test
    void pluginConfigKeys_forAConnector_listItsOwnSettingsFirstThenTheFrameworks() {
        List<ConfigDef.ConfigKey> keys = validator().pluginConfigKeys("FixtureSinkConnector", null);

        assertThat(keys.get(0).name).isEqualTo("fixture.mode");
        assertThat(keys).extracting(k -> k.name).contains("name", "connector.class", "tasks.max", "topics",
                "errors.deadletterqueue.topic.name").doesNotHaveDuplicates();
    }

    @Test
    void pluginConfigKeys_forTransformationsPredicatesAndConverters_areTheirOwnSettings() {
        ConnectorConfigValidator validator = validator();

        assertThat(validator.pluginConfigKeys(TRANSFORMATION, null)).extracting(k -> k.name).containsExactly("field");
        assertThat(validator.pluginConfigKeys(PREDICATE, null)).extracting(k -> k.name).containsExactly("pattern");
        assertThat(validator.pluginConfigKeys(CONVERTER, null)).extracting(k -> k.name).contains("fixture.level");
        assertThat(validator.pluginConfigKeys(SOURCE, null)).extracting(k -> k.name).contains("fixture.path", "exactly.once.support");
    }

    @Test
    void pluginConfigKeys_forAnUnknownPlugin_isNotFound() {
        assertThatThrownBy(() -> validator().pluginConfigKeys("com.example.Nope", null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pluginConfigKeys_forAConfigProvider_isABadRequest() {
        assertThatThrownBy(() -> validator().pluginConfigKeys("org.apache.kafka.common.config.provider.FileConfigProvider", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Valid types are sink, source, converter, header_converter, transformation, predicate");
    }
}

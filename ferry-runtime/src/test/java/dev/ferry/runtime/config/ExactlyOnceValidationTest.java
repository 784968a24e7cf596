package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.fixtures.FixturePlugins;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once preflight checks of connector validation on a distributed worker with
 * {@code exactly.once.source.support=enabled}, as {@code PUT /connector-plugins/{p}/config/validate}
 * shows them: the connector's answers to {@code exactlyOnceSupport()} and
 * {@code canDefineTransactionBoundaries()}, in Apache's words plus what to change.
 */
class ExactlyOnceValidationTest {
    private static final String SOURCE = "dev.ferry.runtime.config.fixtures.FixtureSourceConnector";

    @Test
    void requiredExactlyOnce_isValidWhenTheConnectorSupportsIt() {
        ValidationResult result = validate("exactly.once.support", "required", "fixture.eos", "yes");

        assertThat(errors(result, "exactly.once.support")).isEmpty();
    }

    @Test
    void requiredExactlyOnce_isAnErrorWhenTheConnectorDoesNotSupportIt() {
        ValidationResult result = validate("exactly.once.support", "required", "fixture.eos", "no");

        assertThat(errors(result, "exactly.once.support")).singleElement().asString()
                .startsWith("The connector does not support exactly-once semantics with the provided configuration")
                .contains("exactly.once.support=requested");
    }

    @Test
    void requiredExactlyOnce_withAConnectorThatPredatesThePreflightApi_saysSoAndHowToCreateItAnyway() {
        ValidationResult result = validate("exactly.once.support", "required");

        assertThat(errors(result, "exactly.once.support")).singleElement().asString()
                .startsWith("The connector does not implement the API required for preflight validation of "
                        + "exactly-once source support")
                .contains("exactly.once.support=requested");
    }

    @Test
    void requestedExactlyOnce_asksTheConnectorNothing() {
        ValidationResult result = validate("exactly.once.support", "requested");

        assertThat(errors(result, "exactly.once.support")).isEmpty();
    }

    @Test
    void connectorBoundaries_areAnErrorWhenTheConnectorCannotDefineThem() {
        ValidationResult result = validate("transaction.boundary", "connector");

        assertThat(errors(result, "transaction.boundary")).singleElement().asString()
                .startsWith("The connector does not support connector-defined transaction boundaries with the given "
                        + "configuration")
                .contains("transaction.boundary=poll or interval");
    }

    @Test
    void exactlyOnceSettings_areListedWithTheirValidation() {
        ValidationResult result = validate("transaction.boundary", "sometimes", "transaction.boundary.interval.ms", "-1",
                "offsets.storage.topic", "orders-offsets");

        assertThat(result.groups()).contains("Exactly Once Support");
        assertThat(errors(result, "transaction.boundary")).singleElement().asString().contains("sometimes")
                .contains("POLL").contains("INTERVAL").contains("CONNECTOR");
        assertThat(errors(result, "transaction.boundary.interval.ms")).hasSize(1);
        assertThat(errors(result, "offsets.storage.topic")).isEmpty();
        assertThat(entry(result, "exactly.once.support")).isPresent();
    }

    @Test
    void exactlyOnceSupport_acceptsOnlyRequestedOrRequired() {
        ValidationResult result = validate("exactly.once.support", "always");

        assertThat(errors(result, "exactly.once.support")).singleElement().asString()
                .contains("REQUESTED").contains("REQUIRED");
    }

    @Test
    void workerSupportSetting_acceptsApachesThreeValuesInAnyCase() {
        assertThat(workerConfig("PREPARING").exactlyOnceSourceSupport()).isEqualTo("preparing");
        assertThat(workerConfig("preparing").exactlyOnceSourceEnabled()).isFalse();
        assertThat(workerConfig("preparing").transactionalLeaderEnabled()).isTrue();
        assertThat(workerConfig("Enabled").exactlyOnceSourceEnabled()).isTrue();
        assertThat(workerConfig("disabled").transactionalLeaderEnabled()).isFalse();
        assertThatThrownBy(() -> workerConfig("sometimes")).hasMessageContaining("exactly.once.source.support")
                .hasMessageContaining("PREPARING");
    }

    private static DistributedConfig workerConfig(String support) {
        Map<String, String> worker = workerProps();
        worker.put("exactly.once.source.support", support);
        return new DistributedConfig(worker);
    }

    private static Map<String, String> workerProps() {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", "127.0.0.1:9");
        worker.put("group.id", "validation");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("config.storage.topic", "configs");
        worker.put("offset.storage.topic", "offsets");
        worker.put("status.storage.topic", "statuses");
        return worker;
    }

    private static ValidationResult validate(String... keysAndValues) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", "127.0.0.1:9");
        worker.put("group.id", "validation");
        worker.put("exactly.once.source.support", "enabled");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("config.storage.topic", "configs");
        worker.put("offset.storage.topic", "offsets");
        worker.put("status.storage.topic", "statuses");
        DistributedConfig config = new DistributedConfig(worker);
        ConnectorConfigValidator validator = new ConnectorConfigValidator(FixturePlugins.plugins(), config,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH),
                new AllConnectorClientConfigOverridePolicy());
        Map<String, String> connector = new HashMap<>(Map.of("name", "src", "connector.class", SOURCE));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            connector.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return validator.validate(connector);
    }

    private static Optional<ValidationResult.Entry> entry(ValidationResult result, String name) {
        return result.configs().stream()
                .filter(e -> e.value() != null ? e.value().name().equals(name) : e.definition().name.equals(name))
                .findFirst();
    }

    private static List<String> errors(ValidationResult result, String name) {
        return entry(result, name).map(ValidationResult.Entry::value).map(ConfigValue::errorMessages).orElse(List.of());
    }
}

package dev.ferry.runtime.policy;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverridePoliciesTest {

    private static ConnectorClientConfigRequest request(Map<String, Object> overrides) {
        return new ConnectorClientConfigRequest("orders-sink", ConnectorType.SINK, SinkConnector.class, overrides,
                ConnectorClientConfigRequest.ClientType.CONSUMER);
    }

    private static final Map<String, Object> OVERRIDES = new LinkedHashMap<>(Map.of(
            "sasl.jaas.config", "secret", "max.poll.records", "10"));

    /** Names of the overrides the policy rejected. */
    private static List<String> rejected(ConnectorClientConfigOverridePolicy policy) {
        List<ConfigValue> results = policy.validate(request(OVERRIDES));
        assertThat(results).extracting(ConfigValue::name).containsExactlyInAnyOrderElementsOf(OVERRIDES.keySet());
        return results.stream().filter(v -> !v.errorMessages().isEmpty()).map(ConfigValue::name).toList();
    }

    @Test
    void all_allowsEveryOverride() {
        AllConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
        policy.configure(Map.of());

        assertThat(rejected(policy)).isEmpty();
    }

    @Test
    void none_rejectsEveryOverride_sayingWhichPolicyAndHowToAllowIt() {
        NoneConnectorClientConfigOverridePolicy policy = new NoneConnectorClientConfigOverridePolicy();
        policy.configure(Map.of());

        assertThat(rejected(policy)).containsExactlyInAnyOrder("sasl.jaas.config", "max.poll.records");
        ConfigValue maxPoll = policy.validate(request(Map.of("max.poll.records", "10"))).get(0);
        assertThat(maxPoll.errorMessages()).singleElement().asString()
                .contains("'None'").contains("'max.poll.records'").contains("consumer client")
                .contains("connector.client.config.override.allowlist=max.poll.records");
        assertThat(maxPoll.value()).isEqualTo("10");
    }

    @Test
    void principal_allowsOnlyTheAuthenticationSettings() {
        PrincipalConnectorClientConfigOverridePolicy policy = new PrincipalConnectorClientConfigOverridePolicy();
        policy.configure(Map.of());

        assertThat(rejected(policy)).containsExactly("max.poll.records");
        assertThat(policy.validate(request(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"))))
                .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void allowlist_allowsExactlyTheListedSettings() {
        AllowlistConnectorClientConfigOverridePolicy policy = new AllowlistConnectorClientConfigOverridePolicy();
        policy.configure(Map.of("connector.client.config.override.allowlist", "max.poll.records, fetch.min.bytes",
                "bootstrap.servers", "ignored:9092"));

        assertThat(rejected(policy)).containsExactly("sasl.jaas.config");
    }

    @Test
    void allowlist_rejectsAValueThatIsNotAList() {
        assertThatThrownBy(() -> new AllowlistConnectorClientConfigOverridePolicy()
                .configure(Map.of("connector.client.config.override.allowlist", 42)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connector.client.config.override.allowlist");
    }

    @Test
    void allowlist_allowsNothingByDefault() {
        AllowlistConnectorClientConfigOverridePolicy policy = new AllowlistConnectorClientConfigOverridePolicy();
        policy.configure(Map.of());

        assertThat(rejected(policy)).containsExactlyInAnyOrder("sasl.jaas.config", "max.poll.records");
        assertThat(policy.config().names()).containsExactly("connector.client.config.override.allowlist");
    }
}

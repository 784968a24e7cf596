package dev.ferry.runtime.policy;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client config override policy that judges each overridden client setting on its own: every setting a
 * connector overrides ({@code producer.override.*}, {@code consumer.override.*}, {@code admin.override.*})
 * becomes one {@link ConfigValue}, with an error when the policy does not allow it.
 */
abstract class OverridePolicy implements ConnectorClientConfigOverridePolicy {

    /** The name users write in {@code connector.client.config.override.policy}, e.g. {@code None}. */
    abstract String policyName();

    /** Whether a connector may override the client setting of that name. */
    abstract boolean allows(String clientConfigName);

    /** A short hint appended to the error, saying how the operator could permit the setting. */
    abstract String howToAllow(String clientConfigName);

    @Override
    public final List<ConfigValue> validate(ConnectorClientConfigRequest request) {
        List<ConfigValue> results = new ArrayList<>();
        for (Map.Entry<String, Object> override : request.clientProps().entrySet()) {
            ConfigValue value = new ConfigValue(override.getKey(), override.getValue(), new ArrayList<>(), new ArrayList<>());
            if (!allows(override.getKey())) {
                value.addErrorMessage("The '" + policyName() + "' client config override policy does not let "
                        + "connectors override '" + override.getKey() + "' (" + request.clientType().name().toLowerCase(java.util.Locale.ROOT)
                        + " client). Remove the override from the connector config, or " + howToAllow(override.getKey()) + ".");
            }
            results.add(value);
        }
        return results;
    }

    /** The Kafka version, as for Apache's identical policies. */
    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void close() {
        // holds no resources
    }
}

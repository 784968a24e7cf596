package dev.ferry.runtime.policy;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

/**
 * Lets connectors override only the client settings that choose the principal they authenticate as:
 * {@code sasl.jaas.config}, {@code sasl.mechanism} and {@code security.protocol}. Alias {@code Principal};
 * replaces Apache's {@code org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy}.
 * Deprecated since Kafka 4.2 in favour of {@link AllowlistConnectorClientConfigOverridePolicy}.
 */
public class PrincipalConnectorClientConfigOverridePolicy extends OverridePolicy {

    private static final Logger log = LoggerFactory.getLogger(PrincipalConnectorClientConfigOverridePolicy.class);

    /** The settings this policy lets connectors override. */
    static final Set<String> ALLOWED = Set.of(SaslConfigs.SASL_JAAS_CONFIG, SaslConfigs.SASL_MECHANISM,
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);

    @Override
    String policyName() {
        return "Principal";
    }

    @Override
    boolean allows(String clientConfigName) {
        return ALLOWED.contains(clientConfigName);
    }

    @Override
    String howToAllow(String clientConfigName) {
        return "ask the worker's operator to use the Allowlist policy and list it in "
                + AllowlistConnectorClientConfigOverridePolicy.ALLOWLIST_CONFIG;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        log.warn("Client config override policy 'Principal' is deprecated. Use connector.client.config.override.policy"
                + "=Allowlist with {}={} for the same effect.", AllowlistConnectorClientConfigOverridePolicy.ALLOWLIST_CONFIG,
                String.join(",", ALLOWED.stream().sorted().toList()));
    }
}

package dev.ferry.runtime.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Lets connectors override no client setting at all. Alias {@code None}; replaces Apache's
 * {@code org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy}.
 */
public class NoneConnectorClientConfigOverridePolicy extends OverridePolicy {

    private static final Logger log = LoggerFactory.getLogger(NoneConnectorClientConfigOverridePolicy.class);

    @Override
    String policyName() {
        return "None";
    }

    @Override
    boolean allows(String clientConfigName) {
        return false;
    }

    @Override
    String howToAllow(String clientConfigName) {
        return "ask the worker's operator to choose a policy that permits it (connector.client.config.override.policy"
                + "=Allowlist with connector.client.config.override.allowlist=" + clientConfigName + ")";
    }

    @Override
    public void configure(Map<String, ?> configs) {
        log.info("Client config override policy 'None': connectors may not override client settings");
    }
}

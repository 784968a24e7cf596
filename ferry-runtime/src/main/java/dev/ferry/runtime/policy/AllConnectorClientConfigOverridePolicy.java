package dev.ferry.runtime.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Lets connectors override every producer, consumer and admin client setting. Alias {@code All}; replaces
 * Apache's {@code org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy}.
 */
public class AllConnectorClientConfigOverridePolicy extends OverridePolicy {

    private static final Logger log = LoggerFactory.getLogger(AllConnectorClientConfigOverridePolicy.class);

    @Override
    String policyName() {
        return "All";
    }

    @Override
    boolean allows(String clientConfigName) {
        return true;
    }

    @Override
    String howToAllow(String clientConfigName) {
        return "nothing"; // never used: everything is allowed
    }

    @Override
    public void configure(Map<String, ?> configs) {
        log.info("Client config override policy 'All': connectors may override any client setting");
    }
}

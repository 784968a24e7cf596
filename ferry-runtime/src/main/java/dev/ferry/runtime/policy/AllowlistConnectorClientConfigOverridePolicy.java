package dev.ferry.runtime.policy;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets connectors override exactly the client settings listed in the worker's
 * {@code connector.client.config.override.allowlist} (none if it is empty, the default). Alias
 * {@code Allowlist}; replaces Apache's
 * {@code org.apache.kafka.connect.connector.policy.AllowlistConnectorClientConfigOverridePolicy} (Kafka 4.2+).
 * {@link #configure} must receive the worker's settings.
 */
public class AllowlistConnectorClientConfigOverridePolicy extends OverridePolicy {

    /** Worker setting: the client settings connectors may override. */
    public static final String ALLOWLIST_CONFIG = "connector.client.config.override.allowlist";
    private static final String ALLOWLIST_DOC = "Client settings (without the producer.override., consumer.override. "
            + "or admin.override. prefix) that connectors may override when connector.client.config.override.policy "
            + "is Allowlist. Empty means none.";

    private static final ConfigDef CONFIG_DEF = new ConfigDef().define(ALLOWLIST_CONFIG, ConfigDef.Type.LIST, List.of(),
            ConfigDef.ValidList.anyNonDuplicateValues(true, false), ConfigDef.Importance.MEDIUM, ALLOWLIST_DOC);

    private static final Logger log = LoggerFactory.getLogger(AllowlistConnectorClientConfigOverridePolicy.class);

    private volatile Set<String> allowlist = Set.of();

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        List<String> listed = new AbstractConfig(CONFIG_DEF, configs, false).getList(ALLOWLIST_CONFIG);
        allowlist = Set.copyOf(listed);
        log.info("Client config override policy 'Allowlist': connectors may override {}", listed.isEmpty() ? "nothing" : listed);
    }

    @Override
    String policyName() {
        return "Allowlist";
    }

    @Override
    boolean allows(String clientConfigName) {
        return allowlist.contains(clientConfigName);
    }

    @Override
    String howToAllow(String clientConfigName) {
        return "ask the worker's operator to add it to " + ALLOWLIST_CONFIG;
    }
}

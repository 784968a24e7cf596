package dev.ferry.runtime.config;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectorType;

/**
 * The Kafka client settings for a connector's tasks, layered as Apache Kafka Connect layers them:
 * framework defaults first, then the worker's {@code producer.*}, {@code consumer.*} or
 * {@code admin.*} settings, then the connector's {@code producer.override.*},
 * {@code consumer.override.*} or {@code admin.override.*} settings (only if the worker's override
 * policy allows them), plus the {@code metrics.context.*} labels.
 *
 * <p>Admin clients also get every unprefixed worker setting (except {@code producer.*},
 * {@code consumer.*} and {@code admin.*}), a legacy of older releases where the worker's top-level
 * security settings applied to them. Client ids follow Apache's, e.g.
 * {@code connector-producer-<connector>-<task>}, so quotas and ACLs keyed on them keep working.
 *
 * <p>The connector config passed in must already have its {@code ${...}} references resolved.
 */
public final class ClientConfigs {

    public static final String PRODUCER_PREFIX = "producer.";
    public static final String CONSUMER_PREFIX = "consumer.";
    public static final String ADMIN_PREFIX = "admin.";

    private static final String BYTE_ARRAY_SERIALIZER = "org.apache.kafka.common.serialization.ByteArraySerializer";
    private static final String BYTE_ARRAY_DESERIALIZER = "org.apache.kafka.common.serialization.ByteArrayDeserializer";

    private final WorkerConfig worker;
    private final ConnectorClientConfigOverridePolicy policy;
    private final String kafkaClusterId;

    /**
     * @param worker         the worker settings
     * @param policy         the worker's {@code connector.client.config.override.policy}
     * @param kafkaClusterId the id of the Kafka cluster the worker uses, for the metrics context
     */
    public ClientConfigs(WorkerConfig worker, ConnectorClientConfigOverridePolicy policy, String kafkaClusterId) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.kafkaClusterId = kafkaClusterId;
    }

    /**
     * Creates the worker's {@code connector.client.config.override.policy} through the plugin
     * registry and configures it with the worker settings (the Allowlist policy reads
     * {@code connector.client.config.override.allowlist} from them).
     */
    public static ConnectorClientConfigOverridePolicy createPolicy(WorkerConfig worker, Plugins plugins) {
        ConnectorClientConfigOverridePolicy policy = plugins.newOverridePolicy(worker.connectorClientConfigOverridePolicy());
        try (LoaderSwap swap = Plugins.swapLoader(plugins.loaderOf(policy.getClass()))) {
            policy.configure(worker.originals());
        }
        return policy;
    }

    /** The consumer group of a sink connector: {@code connect-<connector>}. */
    public static String consumerGroupId(String connector) {
        return "connect-" + connector;
    }

    /** The transactional id of an exactly-once source task: {@code <group.id>-<connector>-<task>}. */
    public static String transactionalId(String groupId, ConnectorTaskId id) {
        return groupId + "-" + id.connector() + "-" + id.task();
    }

    /** The producer of a source task. */
    public Map<String, Object> producer(ConnectorTaskId id, Map<String, String> connectorConfig,
                                        Class<? extends Connector> connectorClass) {
        return producer(id.connector(), "connector-producer-" + id, connectorConfig, connectorClass, ConnectorType.SOURCE);
    }

    /**
     * The transactional producer of an exactly-once source task: idempotence on and Apache's
     * transactional id, whatever the worker or connector says.
     */
    public Map<String, Object> exactlyOnceProducer(ConnectorTaskId id, Map<String, String> connectorConfig,
                                                   Class<? extends Connector> connectorClass) {
        Map<String, Object> props = producer(id, connectorConfig, connectorClass);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(worker.groupId(), id));
        return props;
    }

    /** The producer that writes a sink task's failed records to its dead letter queue. */
    public Map<String, Object> dlqProducer(ConnectorTaskId id, Map<String, String> connectorConfig,
                                           Class<? extends Connector> connectorClass) {
        return producer(id.connector(), "connector-dlq-producer-" + id, connectorConfig, connectorClass, ConnectorType.SINK);
    }

    /** The consumer of a sink task: group {@code connect-<connector>}, manual commits, from the earliest offset. */
    public Map<String, Object> consumer(ConnectorTaskId id, Map<String, String> connectorConfig,
                                        Class<? extends Connector> connectorClass) {
        return consumer(id.connector(), "connector-consumer-" + id, connectorConfig, connectorClass, ConnectorType.SINK);
    }

    /**
     * The consumer a source task uses to read its offsets from a Kafka topic. It reads only
     * committed data unless the user explicitly chose otherwise.
     */
    public Map<String, Object> sourceOffsetsConsumer(ConnectorTaskId id, Map<String, String> connectorConfig,
                                                     Class<? extends Connector> connectorClass) {
        Map<String, Object> props = consumer(id.connector(), "connector-consumer-" + id, connectorConfig,
                connectorClass, ConnectorType.SOURCE);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        return props;
    }

    /** The admin client of a task, used to create topics (source) or the dead letter queue (sink). */
    public Map<String, Object> admin(ConnectorTaskId id, Map<String, String> connectorConfig,
                                     Class<? extends Connector> connectorClass, ConnectorType type) {
        return admin(id.connector(), "connector-adminclient-" + id, connectorConfig, connectorClass, type);
    }

    /** The admin client that creates a sink task's dead letter queue topic (Apache's id has no task suffix). */
    public Map<String, Object> dlqAdmin(ConnectorTaskId id, Map<String, String> connectorConfig,
                                        Class<? extends Connector> connectorClass) {
        return admin(id.connector(), "connector-dlq-adminclient-", connectorConfig, connectorClass, ConnectorType.SINK);
    }

    /** The admin client the worker uses for a connector's offsets operations (the REST offsets API). */
    public Map<String, Object> connectorAdmin(String connector, Map<String, String> connectorConfig,
                                              Class<? extends Connector> connectorClass, ConnectorType type) {
        return admin(connector, "connector-worker-adminclient-" + connector, connectorConfig, connectorClass, type);
    }

    private Map<String, Object> producer(String connector, String clientId, Map<String, String> connectorConfig,
                                         Class<? extends Connector> connectorClass, ConnectorType type) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, BYTE_ARRAY_SERIALIZER);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, BYTE_ARRAY_SERIALIZER);
        // Retry forever and keep order: the runtime owns delivery guarantees. Idempotence stays off,
        // as in Apache, so brokers without the IDEMPOTENT_WRITE ACL keep working.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(worker.originalsWithPrefix(PRODUCER_PREFIX));
        addMetricsContext(props);
        props.putAll(allowedOverrides(connector, connectorConfig, connectorClass, type, ClientType.PRODUCER,
                ConnectorConfig.CONNECTOR_CLIENT_PRODUCER_OVERRIDES_PREFIX));
        return props;
    }

    private Map<String, Object> consumer(String connector, String clientId, Map<String, String> connectorConfig,
                                         Class<? extends Connector> connectorClass, ConnectorType type) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroupId(connector));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, BYTE_ARRAY_DESERIALIZER);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, BYTE_ARRAY_DESERIALIZER);
        props.putAll(worker.originalsWithPrefix(CONSUMER_PREFIX));
        addMetricsContext(props);
        props.putAll(allowedOverrides(connector, connectorConfig, connectorClass, type, ClientType.CONSUMER,
                ConnectorConfig.CONNECTOR_CLIENT_CONSUMER_OVERRIDES_PREFIX));
        return props;
    }

    private Map<String, Object> admin(String connector, String clientId, Map<String, String> connectorConfig,
                                      Class<? extends Connector> connectorClass, ConnectorType type) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, worker.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        worker.originals().forEach((key, value) -> {
            if (!key.startsWith(ADMIN_PREFIX) && !key.startsWith(PRODUCER_PREFIX) && !key.startsWith(CONSUMER_PREFIX)) {
                props.put(key, value);
            }
        });
        props.putAll(worker.originalsWithPrefix(ADMIN_PREFIX));
        props.putAll(allowedOverrides(connector, connectorConfig, connectorClass, type, ClientType.ADMIN,
                ConnectorConfig.CONNECTOR_CLIENT_ADMIN_OVERRIDES_PREFIX));
        addMetricsContext(props);
        return props;
    }

    private void addMetricsContext(Map<String, Object> props) {
        props.putAll(worker.originalsWithPrefix(CommonClientConfigs.METRICS_CONTEXT_PREFIX, false));
        props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + WorkerConfig.CONNECT_KAFKA_CLUSTER_ID, kafkaClusterId);
        if (worker.groupId() != null) {
            props.put(CommonClientConfigs.METRICS_CONTEXT_PREFIX + WorkerConfig.CONNECT_GROUP_ID, worker.groupId());
        }
    }

    /**
     * The connector's overrides for one client, after asking the policy. Validation rejects
     * disallowed overrides before a connector is created, so failing here means the policy changed
     * since, or validation was bypassed.
     */
    private Map<String, Object> allowedOverrides(String connector, Map<String, String> connectorConfig,
                                                 Class<? extends Connector> connectorClass, ConnectorType type,
                                                 ClientType clientType, String prefix) {
        Map<String, Object> overrides = new HashMap<>(ConfigDefs.withPrefix(connectorConfig, prefix));
        ConnectorClientConfigRequest request = new ConnectorClientConfigRequest(connector, type, connectorClass,
                overrides, clientType);
        List<ConfigValue> verdicts = policy.validate(request);
        List<String> refused = new ArrayList<>();
        if (verdicts != null) {
            for (ConfigValue verdict : verdicts) {
                if (!verdict.errorMessages().isEmpty()) {
                    refused.add(prefix + verdict.name());
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new ConnectException("Connector '" + connector + "' overrides client settings " + refused
                    + " that the worker's connector.client.config.override.policy ("
                    + worker.connectorClientConfigOverridePolicy() + ") does not allow. Remove them from the "
                    + "connector config, or relax the policy in the worker config.");
        }
        return overrides;
    }
}

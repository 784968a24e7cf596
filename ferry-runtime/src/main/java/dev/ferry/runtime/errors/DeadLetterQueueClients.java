package dev.ferry.runtime.errors;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfig;
import dev.ferry.runtime.config.SinkConnectorConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.plugins.Plugins;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The Kafka client settings for reading a sink connector's dead letter queue and for replaying its
 * records, layered exactly as the connector's own tasks get theirs ({@link ClientConfigs}: the
 * worker's {@code consumer.*}/{@code producer.*}, then the connector's {@code *.override.*} where
 * the override policy allows them), so the queue is read and written with the credentials the
 * connector itself uses. The connector's raw config is resolved ({@code ${provider:...}}) here.
 *
 * <p>The reader is a group-less consumer that never commits; the replay producer is bounded
 * (30 s) instead of retrying forever as task producers do, since a REST request waits for it.
 *
 * <p>Built on the first DLQ request, not at worker start. Thread contract: thread-safe.
 */
public final class DeadLetterQueueClients {
    /** How long a replay may wait for the broker: a REST request waits for it. */
    private static final String REPLAY_TIMEOUT_MS = "30000";

    private final ConfigResolver resolver;
    private final Plugins plugins;
    private final ClientConfigs clientConfigs;

    /** Clients for the worker {@code worker}, resolving references with {@code resolver}. */
    public DeadLetterQueueClients(WorkerConfig worker, ConfigResolver resolver, Plugins plugins) {
        this.resolver = resolver;
        this.plugins = plugins;
        this.clientConfigs = new ClientConfigs(worker, ClientConfigs.createPolicy(worker, plugins), null);
    }

    /** What the REST layer needs to know of a connector's dead letter queue. */
    public record Queue(String connector, String topic, boolean contextHeaders, Map<String, String> resolvedConfig,
                        Class<? extends Connector> connectorClass) {
    }

    /**
     * The dead letter queue of a connector from its raw config.
     *
     * @throws InvalidRequestException when the connector is not a sink or has no dead letter queue,
     *                                 saying which setting to add
     */
    public Queue queueOf(String connector, Map<String, String> rawConfig) {
        Map<String, String> resolved = resolver.resolve(rawConfig);
        String className = resolved.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
        Class<? extends Connector> connectorClass = plugins.connectorClass(className,
                resolved.get(ConnectorConfig.CONNECTOR_VERSION));
        if (!SinkConnector.class.isAssignableFrom(connectorClass)) {
            throw new InvalidRequestException("Connector " + connector + " is a source connector; only sink "
                    + "connectors have a dead letter queue.");
        }
        String topic = resolved.getOrDefault(SinkConnectorConfig.DLQ_TOPIC_NAME_CONFIG, "").trim();
        if (topic.isEmpty()) {
            throw new InvalidRequestException("Connector " + connector + " has no dead letter queue: set "
                    + SinkConnectorConfig.DLQ_TOPIC_NAME_CONFIG + " (with errors.tolerance=all) to have one.");
        }
        boolean headers = Boolean.parseBoolean(resolved.getOrDefault(
                SinkConnectorConfig.DLQ_CONTEXT_HEADERS_ENABLE_CONFIG, "false").trim());
        return new Queue(connector, topic, headers, resolved, connectorClass);
    }

    /** A consumer that reads the queue without a group and commits nothing. */
    public Map<String, Object> reader(Queue queue) {
        Map<String, Object> props = clientConfigs.consumer(new ConnectorTaskId(queue.connector(), 0),
                queue.resolvedConfig(), queue.connectorClass());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "connector-dlq-reader-" + queue.connector());
        return props;
    }

    /** A producer that writes replayed records, giving up after 30 s. */
    public Map<String, Object> replayer(Queue queue) {
        Map<String, Object> props = clientConfigs.dlqProducer(new ConnectorTaskId(queue.connector(), 0),
                queue.resolvedConfig(), queue.connectorClass());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-dlq-replayer-" + queue.connector());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REPLAY_TIMEOUT_MS);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, REPLAY_TIMEOUT_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return props;
    }
}

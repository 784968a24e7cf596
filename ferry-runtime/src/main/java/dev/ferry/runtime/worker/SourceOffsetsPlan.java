package dev.ferry.runtime.worker;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.SourceConnectorConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.ConnectorOffsetStore;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.task.source.SourceTransactionSettings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where a source task's offsets live, as Apache decides it: in the worker's offsets store, unless
 * the connector names its own {@code offsets.storage.topic} (distributed workers only) that is not
 * the worker's, in which case the task reads both (its own topic wins) and writes its own. With
 * exactly-once support the offsets go, in the task's transactions, to the connector's topic, or
 * the worker's when it has none.
 *
 * @param ownTopicName the connector's own offsets topic, different from the worker's; or null
 * @param worker   the worker config (a {@link DistributedConfig} whenever {@code ownTopic} is set)
 * @param txTopic  the topic exactly-once tasks write their offsets to
 */
record SourceOffsetsPlan(String ownTopicName, WorkerConfig worker, String txTopic) {
    /** How long a task waits at most for its transaction coordinator when max.block.ms does not say less. */
    static final long COORDINATOR_TIMEOUT_MS = 60_000;

    static SourceOffsetsPlan of(WorkerConfig worker, SourceConnectorConfig config) {
        String connectorTopic = config.offsetsTopic();
        boolean own = connectorTopic != null && worker.connectorOffsetsTopicsPermitted()
                && !connectorTopic.equals(worker.offsetsTopic());
        String txTopic = connectorTopic != null ? connectorTopic : worker.offsetsTopic();
        return new SourceOffsetsPlan(own ? connectorTopic : null, worker, txTopic);
    }

    boolean ownTopic() {
        return ownTopicName != null;
    }

    /** The combined store of a connector with its own topic, or null; nothing connects before it is started. */
    ConnectorOffsetStore connectorStore(ConnectorTaskId id, OffsetBackingStore workerStore, Admin admin) {
        if (!ownTopic()) {
            return null;
        }
        KafkaOffsetStore own = KafkaOffsetStore.forConnectorTopic((DistributedConfig) worker, ownTopicName,
                "connector-offsets-" + id, admin);
        return new ConnectorOffsetStore(workerStore, own, ownTopicName);
    }

    /** The transaction settings of an exactly-once task. */
    SourceTransactionSettings transactions(ConnectorTaskId id, SourceConnectorConfig config,
                                           Map<String, Object> producerProps) {
        Long interval = config.transactionBoundaryIntervalMs();
        return new SourceTransactionSettings(ClientConfigs.transactionalId(worker.groupId(), id),
                worker.groupId() + "-" + id.connector() + "-", txTopic, config.transactionBoundary(),
                interval != null ? interval : worker.offsetCommitInterval(),
                Math.min(COORDINATOR_TIMEOUT_MS, maxBlockMs(producerProps)));
    }

    private static long maxBlockMs(Map<String, Object> producerProps) {
        Object value = producerProps.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        try {
            return value == null ? Long.MAX_VALUE : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}

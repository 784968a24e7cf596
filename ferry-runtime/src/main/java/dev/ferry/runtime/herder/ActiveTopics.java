package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.storage.kafka.KafkaStatusStore;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the topics each connector used (KIP-558, {@code GET /connectors/{c}/topics}) are kept: in
 * this worker's memory for a standalone worker, in the status topic for a cluster, where every
 * worker's tasks add to the same set.
 *
 * <p>Thread contract: safe for concurrent use; task threads report, REST threads read and reset.
 */
public interface ActiveTopics {

    /** A task of this worker used {@code topic} for the first time since the last reset. */
    void used(ConnectorTaskId task, String topic);

    /** The topics the connector used, sorted. */
    Set<String> of(String connector);

    void reset(String connector);

    /** Kept in memory: what this worker's own tasks used. */
    static ActiveTopics inMemory() {
        Map<String, Set<String>> topics = new ConcurrentHashMap<>();
        return new ActiveTopics() {
            @Override
            public void used(ConnectorTaskId task, String topic) {
                topics.computeIfAbsent(task.connector(), c -> ConcurrentHashMap.newKeySet()).add(topic);
            }

            @Override
            public Set<String> of(String connector) {
                return new TreeSet<>(topics.getOrDefault(connector, Set.of()));
            }

            @Override
            public void reset(String connector) {
                topics.remove(connector);
            }
        };
    }

    /**
     * Kept in the status topic, shared by the cluster.
     *
     * @param record whether this worker writes the topics its tasks use ({@code topic.tracking.enable});
     *               what others wrote is read either way
     */
    static ActiveTopics inStatusTopic(KafkaStatusStore store, boolean record) {
        return new ActiveTopics() {
            @Override
            public void used(ConnectorTaskId task, String topic) {
                if (record) {
                    store.putTopic(task, topic);
                }
            }

            @Override
            public Set<String> of(String connector) {
                return new TreeSet<>(store.topics(connector));
            }

            @Override
            public void reset(String connector) {
                store.resetTopics(connector);
            }
        };
    }
}

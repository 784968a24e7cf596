package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Where the connectors of a worker or of a cluster are defined: their configs, target states and
 * task configs, plus the session key, restart requests and cluster log levels that travel with
 * them. A distributed cluster keeps it in the config topic, which every worker reads; a standalone
 * worker keeps it in a file beside its offsets. The herder is the same for both: it writes here and
 * acts on what it reads back ({@link #snapshot()}), never on what it meant to write.
 *
 * <p>Thread contract: safe for concurrent use. Writes return once the store took them (and, where
 * the store is shared, once most of them can be read back). The listener is called on the store's
 * own thread, one call at a time, for changes made after {@link #start} finished, by anyone; it
 * must hand work to the herder's thread and never call back into the store synchronously.
 */
public interface ConfigStore extends AutoCloseable {

    /**
     * Reads everything stored so far; from then on {@code listener} hears of changes.
     *
     * @throws RuntimeException when the store cannot be read; the caller may try again
     */
    void start(ConfigUpdateListener listener);

    /** What the store held as of the last change read. */
    ClusterConfigState snapshot();

    /**
     * Reads to the end of what was written before this call, so the next {@link #snapshot()}
     * includes it; a store only this worker writes returns at once.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     */
    void refresh(Duration timeout) throws TimeoutException;

    /** Writes a connector's config, preceded by its target state when {@code initialState} is not null. */
    void putConnectorConfig(String connector, Map<String, String> config, TargetState initialState);

    /** Deletes a connector's config and target state. */
    void removeConnectorConfig(String connector);

    /** Replaces the connector's task configs (an empty list removes its tasks). */
    void putTaskConfigs(String connector, List<Map<String, String>> taskConfigs);

    void putTargetState(String connector, TargetState state);

    void putSessionKey(SessionKey key);

    /** Stores a restart request; the listener hears of it (also this worker's own). */
    void putRestartRequest(RestartRequest request);

    /** Stores a cluster-wide log level; the listener hears of it (also this worker's own). */
    void putLoggerLevel(String namespace, String level);

    /**
     * Writes a KIP-618 task-count record ({@code tasks-fencing-<c>}): the leader fenced the
     * producers of the connector's previous task generation, and {@code taskCount} tasks may now
     * start; reads it back. Only a distributed cluster runs exactly-once source tasks, so stores of
     * a single worker do not take it.
     *
     * @throws UnsupportedOperationException if this store has no exactly-once source support
     */
    default void putTaskCountRecord(String connector, int taskCount) {
        throw new UnsupportedOperationException("Task-count records are for exactly-once source support, which needs "
                + "the config topic of a distributed cluster; this config store does not keep them");
    }

    /**
     * Makes this worker the only one that may make the leader's writes (connector and task configs,
     * deletions, session keys, restart requests, task-count records), fencing out any previous
     * leader's writer, where the store has such a writer (the config topic with
     * {@code exactly.once.source.support} preparing or enabled); otherwise does nothing. The
     * herder calls it when this worker becomes the leader.
     *
     * @throws RuntimeException when the store cannot claim the privileges now; its next leader
     *                          write tries again
     */
    default void claimWritePrivileges() {
    }

    @Override
    void close();
}

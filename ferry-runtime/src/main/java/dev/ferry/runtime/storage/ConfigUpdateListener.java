package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import java.util.Collection;

/**
 * Told about changes to a {@link ConfigStore} (config topic records as they are read), whoever made them.
 *
 * <p>Thread contract: called on the store's reader thread, one call at a time, in topic order, and
 * only for records read after {@link ConfigStore#start} finished its initial read (what was
 * there before is in the first {@link ConfigStore#snapshot()}; old restart requests and logger
 * levels are not replayed). Implementations must return quickly and must not wait for the store
 * (a write or a refresh waits for this thread): hand the event to the herder's own thread.
 */
public interface ConfigUpdateListener {

    /** A connector's config was created or changed. */
    void onConnectorConfigUpdate(String connector);

    /** A connector's config was deleted (a tombstone). */
    void onConnectorConfigRemove(String connector);

    /**
     * A commit record arrived for the connector; {@code tasks} are the task configs it applied
     * (empty for {@code {"tasks":0}}, and when the commit found task configs missing).
     */
    void onTaskConfigUpdate(Collection<ConnectorTaskId> tasks);

    /** The target state of an existing connector changed. */
    void onTargetStateChange(String connector);

    /** A new session key for signing requests between workers. */
    void onSessionKeyUpdate(SessionKey key);

    /** A restart was requested (the leader carries it out). */
    void onRestartRequest(RestartRequest request);

    /** A cluster-wide log level was set for a logger namespace. */
    void onLoggerLevelUpdate(String namespace, String level);
}

package dev.ferry.rest.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.List;

/**
 * Which task a Kafka client works for, read from its client id: the worker names a task's
 * clients as Apache Connect does, {@code connector-producer-<connector>-<task>},
 * {@code connector-consumer-...}, {@code connector-adminclient-...} and
 * {@code connector-dlq-producer-...} (ferry-runtime's {@code ClientConfigs}), so {@code /metrics}
 * can label a client's series with its {@code connector} and {@code task}. The worker's own
 * clients (internal topics, group membership) belong to no task.
 */
final class TaskClients {
    /** The prefixes of task clients' ids, each followed by {@link ConnectorTaskId#toString()}. */
    private static final List<String> PREFIXES = List.of("connector-producer-", "connector-consumer-",
            "connector-adminclient-", "connector-dlq-producer-");

    private TaskClients() {
    }

    /** The task whose client has this id, or null for any other client. */
    static ConnectorTaskId taskOf(String clientId) {
        for (String prefix : PREFIXES) {
            if (clientId.startsWith(prefix)) {
                return ConnectorTaskId.parse(clientId.substring(prefix.length()));
            }
        }
        return null;
    }
}

package dev.ferry.runtime.herder;

/**
 * Names one task of one connector. Rendered as {@code <connector>-<task>} in logs and in the
 * status and config topic keys, which is why {@link #toString()} has exactly that form.
 */
public record ConnectorTaskId(String connector, int task) implements Comparable<ConnectorTaskId> {

    @Override
    public int compareTo(ConnectorTaskId other) {
        int byConnector = connector.compareTo(other.connector);
        return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}

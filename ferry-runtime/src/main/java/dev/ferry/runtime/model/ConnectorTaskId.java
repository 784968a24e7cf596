package dev.ferry.runtime.model;

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

    /**
     * Reads the {@link #toString()} form back, as it ends the config and status topic keys and the
     * task clients' ids. Connector names may contain dashes, so the number is after the last one.
     *
     * @return the task, or null unless the text is a non-empty name, a dash and a number
     */
    public static ConnectorTaskId parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash <= 0) {
            return null;
        }
        try {
            return new ConnectorTaskId(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return connector + "-" + task;
    }
}

package dev.ferry.runtime.worker;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A connector generated more task configurations than its {@code tasks.max} while
 * {@code tasks.max.enforce=true}. The connector is failed with this exception, as Apache does.
 */
public class TooManyTasksException extends ConnectException {
    private static final long serialVersionUID = 1L;

    /** The exception for a connector that asked for {@code generated} tasks with {@code tasks.max=max}. */
    public TooManyTasksException(String connector, int generated, int max) {
        super("Connector " + connector + " generated " + generated + " task configurations, more than its tasks.max of "
                + max + ". Raise tasks.max, or set tasks.max.enforce=false to run only the first " + max
                + " (deprecated), and report the bug to the connector's developer.");
    }
}

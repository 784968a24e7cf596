package dev.ferry.runtime.task;

import dev.ferry.runtime.model.ConnectorTaskId;
import org.slf4j.MDC;

/**
 * Puts Apache's {@code connector.context} MDC value on the current thread for as long as the
 * context is open, so log patterns written for Apache ({@code %X{connector.context}}) show which
 * connector and task a line is about: {@code [<connector>|task-<n>] } on task threads,
 * {@code [<connector>|worker] } on connector threads, {@code [<connector>|task-<n>|offsets] }
 * while committing source offsets. Closing restores whatever value was there before.
 *
 * <p>Thread contract: open and close on the same thread.
 */
public final class LoggingContext implements AutoCloseable {
    /** The MDC key Apache's log4j configuration prints. */
    public static final String CONNECTOR_CONTEXT = "connector.context";

    private final String previous;

    private LoggingContext(String value) {
        this.previous = MDC.get(CONNECTOR_CONTEXT);
        MDC.put(CONNECTOR_CONTEXT, value);
    }

    /** Context for a task's own thread. */
    public static LoggingContext forTask(ConnectorTaskId id) {
        return new LoggingContext(taskPrefix(id));
    }

    /** Context for a connector's thread. */
    public static LoggingContext forConnector(String connector) {
        return new LoggingContext("[" + connector + "|worker] ");
    }

    /** Context for committing a source task's offsets. */
    public static LoggingContext forOffsets(ConnectorTaskId id) {
        return new LoggingContext("[" + id.connector() + "|task-" + id.task() + "|offsets] ");
    }

    /** The value used for a task, e.g. {@code [orders|task-0] }. */
    public static String taskPrefix(ConnectorTaskId id) {
        return "[" + id.connector() + "|task-" + id.task() + "] ";
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(CONNECTOR_CONTEXT);
        } else {
            MDC.put(CONNECTOR_CONTEXT, previous);
        }
    }
}

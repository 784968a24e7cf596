package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;

/**
 * The {@code task-error-metrics} group: what the task's error handling did (KIP-298). A failure
 * is one failed attempt of a stage (retries included); an error is a record whose processing
 * ended failed; a skipped record is one dropped because errors are tolerated. These are recorded
 * only when something fails, so they cost nothing on the normal record path.
 *
 * <p>Thread contract: thread-safe (the producer's I/O thread reports failed sends and dead letter
 * queue writes).
 */
public final class TaskErrorMetrics implements AutoCloseable {
    private final MetricGroup group;
    private final Sensor failures;
    private final Sensor errors;
    private final Sensor skipped;
    private final Sensor retries;
    private final Sensor logged;
    private final Sensor dlqRequests;
    private final Sensor dlqFailures;
    private final Sensor lastError;

    TaskErrorMetrics(ConnectMetrics metrics, ConnectorTaskId id) {
        group = metrics.group("task-error-metrics", "connector", id.connector(), "task", Integer.toString(id.task()));
        failures = total("total-record-failures", "The number of failed attempts to process a record, retries "
                + "included.");
        errors = total("total-record-errors", "The number of records whose processing ended in an error.");
        skipped = total("total-records-skipped", "The number of records skipped because errors are tolerated.");
        retries = total("total-retries", "The number of times an operation was retried.");
        logged = total("total-errors-logged", "The number of errors written to the log.");
        dlqRequests = total("deadletterqueue-produce-requests", "The number of records written to the dead letter "
                + "queue.");
        dlqFailures = total("deadletterqueue-produce-failures", "The number of failed writes to the dead letter "
                + "queue.");
        lastError = group.sensor("last-error-timestamp");
        lastError.add(group.metricName("last-error-timestamp", "The time of the last error, in epoch milliseconds."),
                new Max());
    }

    private Sensor total(String name, String description) {
        Sensor sensor = group.sensor(name);
        sensor.add(group.metricName(name, description), new CumulativeSum());
        return sensor;
    }

    /** One attempt to process a record failed. */
    public void recordFailure() {
        failures.record();
    }

    /** A record's processing ended in an error. */
    public void recordError() {
        errors.record();
    }

    /** A failed record was skipped. */
    public void recordSkipped() {
        skipped.record();
    }

    /** An operation is retried. */
    public void recordRetry() {
        retries.record();
    }

    /** An error was logged by the log reporter. */
    public void recordErrorLogged() {
        logged.record();
    }

    /** A record is being written to the dead letter queue. */
    public void recordDeadLetterQueueRequest() {
        dlqRequests.record();
    }

    /** A write to the dead letter queue failed. */
    public void recordDeadLetterQueueFailure() {
        dlqFailures.record();
    }

    /** An error happened at {@code epochMs}. */
    public void recordErrorTimestamp(long epochMs) {
        lastError.record(epochMs);
    }

    @Override
    public void close() {
        group.close();
    }
}

package dev.ferry.runtime.model;

/**
 * A request to restart a connector and, optionally, its tasks.
 *
 * @param onlyFailed   restart only instances that are FAILED
 * @param includeTasks restart the tasks as well as the connector instance
 */
public record RestartRequest(String connector, boolean onlyFailed, boolean includeTasks) {

    /** Whether this is the plain form that restarts only the connector instance, synchronously. */
    public boolean connectorOnly() {
        return !onlyFailed && !includeTasks;
    }
}

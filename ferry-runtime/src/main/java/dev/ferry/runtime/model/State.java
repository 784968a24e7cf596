package dev.ferry.runtime.model;

/**
 * The reported state of a connector or task instance, as written to the status store and shown
 * by {@code GET /connectors/{name}/status}. DESTROYED is never shown: it is stored as a tombstone.
 */
public enum State {
    UNASSIGNED, RUNNING, PAUSED, FAILED, RESTARTING, STOPPED, DESTROYED
}

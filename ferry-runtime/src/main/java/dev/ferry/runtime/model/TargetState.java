package dev.ferry.runtime.model;

import java.util.Locale;

/**
 * What the user asked a connector to be doing. The status a connector actually reports
 * ({@link State}) follows the target state once the worker has acted on it.
 */
public enum TargetState {
    STARTED, PAUSED, STOPPED;

    /**
     * Parses the {@code initial_state} field of a create request, which Apache accepts in any
     * case and which names the running state {@code RUNNING} rather than {@code STARTED}.
     */
    public static TargetState fromInitialState(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "RUNNING" -> STARTED;
            case "PAUSED" -> PAUSED;
            case "STOPPED" -> STOPPED;
            default -> throw new InvalidRequestException("Invalid initial state '" + value
                    + "': use one of RUNNING, PAUSED or STOPPED.");
        };
    }
}

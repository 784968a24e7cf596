package dev.ferry.runtime.model;

/**
 * One decision of Ferry's automatic restart policy ({@code ferry.restart.*}) about a failed
 * connector or task, as this worker made it.
 *
 * @param timeMs        when it was decided (epoch milliseconds)
 * @param connector     the connector
 * @param task          the task number, or null for the connector instance
 * @param kind          what happened
 * @param attempt       the attempt this is about (1-based; for {@link Kind#GAVE_UP} the attempts made)
 * @param maxAttempts   the policy's {@code ferry.restart.max.attempts}
 * @param restartAtMs   for {@link Kind#SCHEDULED}, when the restart is due (epoch ms), else -1
 */
public record RestartEvent(long timeMs, String connector, Integer task, Kind kind, int attempt, int maxAttempts,
                           long restartAtMs) {

    /** What the policy did. */
    public enum Kind {
        /** A restart was scheduled after the instance failed. */
        SCHEDULED,
        /** The scheduled restart was made. */
        RESTARTED,
        /** The policy stopped restarting: the maximum number of attempts was reached. */
        GAVE_UP
    }
}

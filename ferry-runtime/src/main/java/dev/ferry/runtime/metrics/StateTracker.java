package dev.ferry.runtime.metrics;

import dev.ferry.runtime.model.State;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The current state of a connector or task and how long it has spent in each, for the
 * {@code status}, {@code running-ratio} and {@code pause-ratio} metrics. A ratio is the time in
 * the state over the time since the first state was entered. It also tells when the instance's
 * start-up ended, for the worker's start-up counters: in success at the first of the
 * {@code started} states, in failure at a FAILED before that.
 *
 * <p>Thread contract: changes come from the task or connector thread, reads from JMX and scrape
 * threads; all methods are synchronized (state changes are rare).
 */
final class StateTracker {
    private final Map<State, Long> elapsedMs = new EnumMap<>(State.class);
    private final Set<State> started;
    private State state;
    private long enteredAtMs;
    private long startedAtMs = -1;
    private boolean startupEnded;

    /** @param started the states that end a start-up in success */
    StateTracker(State initial, Set<State> started) {
        this.state = initial;
        this.started = started;
    }

    /** Records the state; true or false when this ends the start-up in success or failure, else null. */
    synchronized Boolean changeState(State next, long nowMs) {
        if (startedAtMs < 0) {
            startedAtMs = nowMs;
        } else {
            elapsedMs.merge(state, Math.max(0, nowMs - enteredAtMs), Long::sum);
        }
        state = next;
        enteredAtMs = nowMs;
        if (startupEnded || (!started.contains(next) && next != State.FAILED)) {
            return null;
        }
        startupEnded = true;
        return next != State.FAILED;
    }

    synchronized State state() {
        return state;
    }

    /** The state as Apache's metrics spell it: lower case. */
    String stateName() {
        return state().name().toLowerCase(Locale.ROOT);
    }

    synchronized double ratio(State wanted, long nowMs) {
        if (startedAtMs < 0) {
            return 0.0;
        }
        long total = nowMs - startedAtMs;
        if (total <= 0) {
            return state == wanted ? 1.0 : 0.0;
        }
        long inState = elapsedMs.getOrDefault(wanted, 0L);
        if (state == wanted) {
            inState += nowMs - enteredAtMs;
        }
        return (double) inState / total;
    }
}

package dev.ferry.runtime.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

/**
 * A clock for tests that only moves when told to, or when code under test sleeps or waits: then
 * it jumps forward by the wait and records it, so back-off logic runs instantly and its pauses can
 * be asserted.
 */
public final class ManualTime implements Time {
    private long nowMs;
    private final List<Long> pauses = new ArrayList<>();

    public ManualTime(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public synchronized long milliseconds() {
        return nowMs;
    }

    @Override
    public synchronized long nanoseconds() {
        return nowMs * 1_000_000L;
    }

    @Override
    public synchronized void sleep(long ms) {
        pauses.add(ms);
        nowMs += ms;
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
        if (condition.get()) {
            return;
        }
        synchronized (this) {
            long pause = Math.max(0, deadlineMs - nowMs);
            pauses.add(pause);
            nowMs = Math.max(nowMs, deadlineMs);
        }
        throw new TimeoutException("Condition not satisfied before deadline");
    }

    /** Moves the clock forward. */
    public synchronized void advance(long ms) {
        nowMs += ms;
    }

    /** Every pause the code under test took, in order. */
    public synchronized List<Long> pauses() {
        return List.copyOf(pauses);
    }
}

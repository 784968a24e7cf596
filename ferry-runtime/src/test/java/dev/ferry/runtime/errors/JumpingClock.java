package dev.ferry.runtime.errors;

import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

/**
 * The system clock with a wall clock that a test can set forward or back, as NTP, a VM resumed
 * from a snapshot or an operator with {@code date -s} does to a running worker. Monotonic time
 * ({@link #nanoseconds()}, and so {@link #hiResClockMs()}) runs on untouched, as the JVM's does,
 * so code that measures intervals with it is unaffected by {@link #jump} and code that measures
 * them with {@link #milliseconds()} is not.
 */
public final class JumpingClock implements Time {
    private volatile long offsetMs;

    /** Moves the wall clock by {@code ms} (negative: back). */
    public void jump(long ms) {
        offsetMs += ms;
    }

    @Override
    public long milliseconds() {
        return System.currentTimeMillis() + offsetMs;
    }

    @Override
    public long nanoseconds() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        synchronized (obj) {
            while (!condition.get()) {
                long left = deadlineMs - milliseconds();
                if (left <= 0) {
                    throw new TimeoutException("Condition not satisfied before deadline");
                }
                obj.wait(left);
            }
        }
    }
}

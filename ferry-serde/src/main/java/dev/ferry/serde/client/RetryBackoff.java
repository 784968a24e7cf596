package dev.ferry.serde.client;

import java.util.function.LongUnaryOperator;

/**
 * How long to wait before retry {@code n} (0-based): "full jitter", a random time between 1 ms and
 * {@code min(retries.wait.ms * 2^n, retries.max.wait.ms)}, as Confluent's client waits, so that many clients
 * do not retry in step against a registry that is coming back.
 */
final class RetryBackoff {

    /** 2^30 is the largest doubling that cannot overflow the millisecond arithmetic below. */
    private static final int MAX_DOUBLINGS = 30;

    private final long initialWaitMs;
    private final long maxWaitMs;
    private final LongUnaryOperator randomBelow;

    RetryBackoff(long initialWaitMs, long maxWaitMs, LongUnaryOperator randomBelow) {
        this.initialWaitMs = initialWaitMs;
        this.maxWaitMs = maxWaitMs;
        this.randomBelow = randomBelow;
    }

    long delayMs(int retry) {
        long ceiling = Math.min(initialWaitMs << Math.min(retry, MAX_DOUBLINGS), maxWaitMs);
        if (initialWaitMs > 0 && ceiling <= 0) {
            ceiling = maxWaitMs;
        }
        return ceiling <= 0 ? 0 : randomBelow.applyAsLong(ceiling) + 1;
    }
}

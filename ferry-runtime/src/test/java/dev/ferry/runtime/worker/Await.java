package dev.ferry.runtime.worker;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds, for integration tests where work happens on other threads. */
final class Await {
    private Await() {
    }

    /** A condition to poll; an exception counts as "not yet". */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void until(Condition condition, Duration timeout, Supplier<String> waitingFor) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + waitingFor.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + waitingFor.get(), e);
            }
        }
    }

    private static boolean check(Condition condition) {
        try {
            return condition.holds();
        } catch (Exception e) {
            return false;
        }
    }
}

package dev.ferry.runtime.herder.contract;

import java.time.Duration;

/**
 * Repeats an assertion until it passes, for effects that happen on other threads (tasks starting,
 * statuses arriving through the status topic); on timeout the last failure is thrown, so the
 * message says what was seen rather than only that time ran out.
 */
final class Eventually {
    private static final long PAUSE_MS = 25;

    private Eventually() {
    }

    /** An assertion that may throw. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    static void holds(Duration patience, Check check) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    AssertionError failure = new AssertionError("Still failing after " + patience.toMillis() + " ms: "
                            + e.getMessage(), e);
                    throw failure;
                }
            }
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
        }
    }
}

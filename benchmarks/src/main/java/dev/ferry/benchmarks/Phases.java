package dev.ferry.benchmarks;

import java.io.PrintStream;
import java.util.Map;

/**
 * Runs the benchmark's steps so that one that fails is recorded (phase name to reason) and the
 * others still run and report.
 */
final class Phases {
    private final PrintStream progress;
    private final Map<String, String> failures;

    Phases(PrintStream progress, Map<String, String> failures) {
        this.progress = progress;
        this.failures = failures;
    }

    /** A benchmark step that may fail without stopping the others. */
    interface Phase {
        void run() throws Exception;
    }

    /** Runs the phase; true when it completed, false when it failed (and the failure was recorded). */
    boolean run(String name, Phase phase) {
        progress.println("== " + name);
        try {
            phase.run();
            return true;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            failures.put(name, message);
            progress.println(name + " FAILED: " + message);
            return false;
        }
    }

    /** Records a phase that was not run because an earlier one failed. */
    void skip(String name, String why) {
        failures.put(name, "skipped: " + why);
    }
}

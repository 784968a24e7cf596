package dev.ferry.cli.doctor;

/** The Java runtime that runs {@code ferry doctor} (the launcher runs the worker with the same one). */
final class JavaCheck {
    static final String CHECK = "java";
    /** Ferry is compiled for Java 17. */
    static final int MINIMUM_FEATURE = 17;

    private JavaCheck() {
    }

    static void run(Runtime.Version version, String javaHome, Report report) {
        if (version.feature() < MINIMUM_FEATURE) {
            report.error(CHECK, "Java " + version + " at " + javaHome + " is too old: Ferry needs Java "
                    + MINIMUM_FEATURE + " or newer. Install a JDK or JRE " + MINIMUM_FEATURE + "+ and point JAVA_HOME "
                    + "(or PATH) at it.");
        } else {
            report.ok(CHECK, "Java " + version + " at " + javaHome);
        }
    }
}

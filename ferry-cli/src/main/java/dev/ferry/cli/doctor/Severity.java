package dev.ferry.cli.doctor;

/** How a line of the doctor's report counts: {@link #WARNING} and {@link #ERROR} lines are findings. */
public enum Severity {
    /** The check passed. */
    OK("ok"),
    /** The check does not apply to this worker (a standalone worker has no internal topics, ...). */
    SKIPPED("skip"),
    /** The worker starts, but something will bite later or works differently from what the config says. */
    WARNING("warn"),
    /** The worker will fail to start or to work. */
    ERROR("error");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word the report prints, also the value in {@code --json}. */
    public String label() {
        return label;
    }

    boolean isFinding() {
        return this == WARNING || this == ERROR;
    }
}

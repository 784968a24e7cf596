package dev.ferry.jdbc.source;

/** The value of {@code mode}: which columns find new rows, and so what the offsets hold. */
enum SourceMode {
    BULK(false, false),
    INCREMENTING(true, false),
    TIMESTAMP(false, true),
    TIMESTAMP_INCREMENTING(true, true);

    final boolean usesIncrementing;
    final boolean usesTimestamp;

    SourceMode(boolean usesIncrementing, boolean usesTimestamp) {
        this.usesIncrementing = usesIncrementing;
        this.usesTimestamp = usesTimestamp;
    }

    /**
     * The mode {@code mode} names. Unset means incrementing on each table's auto-increment column: Confluent's
     * connector refuses a config without a mode, and a config written without one (as in many tutorials) asks for
     * new rows, which is what that reads.
     */
    static SourceMode of(String value) {
        return switch (value == null ? "" : value.strip()) {
            case SourceModeConfig.MODE_BULK -> BULK;
            case SourceModeConfig.MODE_TIMESTAMP -> TIMESTAMP;
            case SourceModeConfig.MODE_TIMESTAMP_INCREMENTING -> TIMESTAMP_INCREMENTING;
            default -> INCREMENTING;
        };
    }

    boolean incremental() {
        return usesIncrementing || usesTimestamp;
    }
}

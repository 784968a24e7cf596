package dev.ferry.jdbc.sink;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The sink's keys for riding out a database that is briefly unavailable. */
final class RetriesConfig {
    static final String GROUP = "Retries";

    static final String MAX_RETRIES_CONFIG = "max.retries";
    private static final String MAX_RETRIES_DOC = "How many times a put() that failed for a passing reason (lost "
            + "connection, deadlock, serialization failure, server shutting down) is retried before the task fails. "
            + "Errors a retry cannot fix (a constraint violation, a value the column refuses) are not retried: the "
            + "record goes to the errant record reporter, or the task fails naming it.";
    static final int MAX_RETRIES_DEFAULT = 10;

    static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Milliseconds to wait before retrying a failed put().";
    static final int RETRY_BACKOFF_MS_DEFAULT = 3000;

    private RetriesConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, MAX_RETRIES_DOC, GROUP, ++order, Width.SHORT, "Maximum Retries")
                .define(RETRY_BACKOFF_MS_CONFIG, Type.INT, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM, RETRY_BACKOFF_MS_DOC, GROUP, ++order, Width.SHORT,
                        "Retry Backoff (millis)");
    }
}

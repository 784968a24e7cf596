package dev.ferry.runtime.errors;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * A connector's {@code errors.*} settings, read once when a task starts. The sink-only dead letter
 * queue settings are absent (empty topic) for source connectors.
 *
 * @param toleranceAll          {@code errors.tolerance=all}: skip records that fail in a tolerable stage
 * @param retryTimeoutMs        {@code errors.retry.timeout}: how long to retry a retriable failure; 0 never, -1 forever
 * @param retryMaxDelayMs       {@code errors.retry.delay.max.ms}: the longest pause between two attempts
 * @param logEnable             {@code errors.log.enable}: log every failure
 * @param logIncludeMessages    {@code errors.log.include.messages}: put the record's coordinates in the log line
 * @param dlqTopic              {@code errors.deadletterqueue.topic.name}: the dead letter queue, or empty for none
 * @param dlqReplicationFactor  {@code errors.deadletterqueue.topic.replication.factor}: used when creating it
 * @param dlqContextHeaders     {@code errors.deadletterqueue.context.headers.enable}: add the {@code __connect.errors.*} headers
 */
public record ErrorHandlingSettings(
        boolean toleranceAll,
        long retryTimeoutMs,
        long retryMaxDelayMs,
        boolean logEnable,
        boolean logIncludeMessages,
        String dlqTopic,
        short dlqReplicationFactor,
        boolean dlqContextHeaders) {

    /** Apache's defaults: no tolerance, no retries, no logging, no dead letter queue. */
    public static final ErrorHandlingSettings DEFAULTS =
            new ErrorHandlingSettings(false, 0, 60_000, false, false, "", (short) 3, false);

    public ErrorHandlingSettings {
        dlqTopic = dlqTopic == null ? "" : dlqTopic.trim();
    }

    /** Reads the settings from a parsed connector config, by Apache's config names. */
    public static ErrorHandlingSettings from(AbstractConfig config) {
        Map<String, ?> values = config.values();
        Object tolerance = values.get("errors.tolerance");
        return new ErrorHandlingSettings(
                tolerance != null && "all".equals(tolerance.toString().toLowerCase(Locale.ROOT)),
                number(values, "errors.retry.timeout", DEFAULTS.retryTimeoutMs),
                number(values, "errors.retry.delay.max.ms", DEFAULTS.retryMaxDelayMs),
                flag(values, "errors.log.enable"),
                flag(values, "errors.log.include.messages"),
                values.get("errors.deadletterqueue.topic.name") instanceof String s ? s : "",
                (short) number(values, "errors.deadletterqueue.topic.replication.factor",
                        DEFAULTS.dlqReplicationFactor),
                flag(values, "errors.deadletterqueue.context.headers.enable"));
    }

    /** Whether failed sink records are written to a dead letter queue. */
    public boolean dlqEnabled() {
        return !dlqTopic.isEmpty();
    }

    private static long number(Map<String, ?> values, String name, long fallback) {
        return values.get(name) instanceof Number n ? n.longValue() : fallback;
    }

    private static boolean flag(Map<String, ?> values, String name) {
        return values.get(name) instanceof Boolean b && b;
    }
}

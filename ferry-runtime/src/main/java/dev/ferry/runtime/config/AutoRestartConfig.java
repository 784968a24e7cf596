package dev.ferry.runtime.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Ferry's per-connector restart policy for FAILED connectors and tasks: off unless
 * {@code ferry.restart.enabled=true}, then up to {@code ferry.restart.max.attempts} restarts with
 * a back-off that doubles from {@code ferry.restart.backoff.initial.ms} to
 * {@code ferry.restart.backoff.max.ms}. The {@code ferry.} prefix is Ferry's own namespace in a
 * connector config, so these names cannot collide with a connector's settings (Apache passes
 * unknown keys through, so the same config also runs unchanged on Apache, without the policy).
 *
 * @param enabled        whether failed instances are restarted automatically
 * @param maxAttempts    restarts before giving up and leaving the instance FAILED
 * @param initialBackoff the wait before the first restart, in milliseconds
 * @param maxBackoff     the longest wait; an instance that ran this long since its last automatic
 *                       restart starts a fresh count when it fails again
 */
public record AutoRestartConfig(boolean enabled, int maxAttempts, long initialBackoff, long maxBackoff) {
    public static final String PREFIX = "ferry.restart.";
    public static final String ENABLED_CONFIG = PREFIX + "enabled";
    public static final String MAX_ATTEMPTS_CONFIG = PREFIX + "max.attempts";
    public static final String BACKOFF_INITIAL_MS_CONFIG = PREFIX + "backoff.initial.ms";
    public static final String BACKOFF_MAX_MS_CONFIG = PREFIX + "backoff.max.ms";
    private static final String GROUP = "Ferry auto-restart";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Restart this connector and its tasks automatically when they fail.", GROUP, 1,
                    ConfigDef.Width.SHORT, "Auto-restart")
            .define(MAX_ATTEMPTS_CONFIG, Type.INT, 5, Range.atLeast(1), Importance.LOW,
                    "How many automatic restarts in a row before the instance is left FAILED.", GROUP, 2,
                    ConfigDef.Width.SHORT, "Maximum attempts")
            .define(BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
                    "The wait before the first automatic restart; it doubles with every further attempt.", GROUP, 3,
                    ConfigDef.Width.SHORT, "Initial back-off (ms)")
            .define(BACKOFF_MAX_MS_CONFIG, Type.LONG, 60000L, Range.atLeast(0), Importance.LOW,
                    "The longest wait between automatic restarts. An instance that ran this long since its last "
                            + "automatic restart starts a fresh count when it fails again.", GROUP, 4,
                    ConfigDef.Width.SHORT, "Maximum back-off (ms)");

    public static final AutoRestartConfig DISABLED = new AutoRestartConfig(false, 0, 0, 0);

    /** The definitions, for validation and the plugin config listing. */
    public static ConfigDef configDef() {
        return DEFINITION;
    }

    /** Whether the connector config mentions the policy at all. */
    public static boolean mentioned(Map<String, String> connectorConfig) {
        return connectorConfig.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
    }

    /**
     * The policy of a connector config.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the setting when a value is invalid
     */
    public static AutoRestartConfig of(Map<String, String> connectorConfig) {
        if (connectorConfig == null || !mentioned(connectorConfig)) {
            return DISABLED;
        }
        Map<String, String> own = new HashMap<>();
        connectorConfig.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                own.put(k, v);
            }
        });
        AbstractConfig parsed = new AbstractConfig(DEFINITION, own, false);
        long initial = parsed.getLong(BACKOFF_INITIAL_MS_CONFIG);
        return new AutoRestartConfig(parsed.getBoolean(ENABLED_CONFIG), parsed.getInt(MAX_ATTEMPTS_CONFIG), initial,
                Math.max(initial, parsed.getLong(BACKOFF_MAX_MS_CONFIG)));
    }

    /** The wait before restart number {@code attempt} (1 for the first). */
    public long backoffBefore(int attempt) {
        long wait = initialBackoff;
        for (int i = 1; i < attempt && wait < maxBackoff; i++) {
            wait = wait * 2;
        }
        return Math.min(wait, maxBackoff);
    }
}

package dev.ferry.runtime.plugins;

import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the worker finds plugins: the values of Apache's {@code plugin.discovery} worker setting (KIP-898).
 *
 * <p>{@code ServiceLoader} manifests ({@code META-INF/services/<plugin interface>}) are cheap to read; scanning
 * the bytecode of every class also finds plugins whose authors never wrote a manifest. Config providers, REST
 * extensions and override policies are only ever found through manifests, as on Apache's runtime.
 */
public enum PluginDiscovery {
    /** Scan the bytecode of every plugin location; manifests are read only for manifest-only plugin types. */
    ONLY_SCAN,
    /** Read manifests only: the fastest mode, but plugins without manifests are invisible. */
    SERVICE_LOAD,
    /** Read manifests and scan, and log one warning listing the plugins that have no manifest. The default. */
    HYBRID_WARN,
    /** Read manifests and scan, and refuse to start while any plugin has no manifest. */
    HYBRID_FAIL;

    /** The name of the worker setting this enum parses. */
    public static final String CONFIG = "plugin.discovery";

    /** Whether this mode scans bytecode. */
    boolean scans() {
        return this != SERVICE_LOAD;
    }

    /** Whether this mode compares scan results with manifests. */
    boolean reportsMissingManifests() {
        return this == HYBRID_WARN || this == HYBRID_FAIL;
    }

    /** The value as written in worker properties, e.g. {@code hybrid_warn}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@code plugin.discovery} value, ignoring case and surrounding blanks; {@code null} or blank
     * means the default, {@link #HYBRID_WARN}.
     *
     * @throws ConfigException naming the valid values when the value is none of them
     */
    public static PluginDiscovery parse(String configValue) {
        if (configValue == null || configValue.isBlank()) {
            return HYBRID_WARN;
        }
        String wanted = configValue.trim();
        for (PluginDiscovery mode : values()) {
            if (mode.configValue().equalsIgnoreCase(wanted)) {
                return mode;
            }
        }
        String valid = Arrays.stream(values()).map(PluginDiscovery::configValue).collect(Collectors.joining(", "));
        throw new ConfigException(CONFIG, configValue, "Valid values are: " + valid + " (hybrid_warn is the default).");
    }
}

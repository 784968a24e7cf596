package dev.ferry.runtime.config;

import dev.ferry.runtime.plugins.Plugins;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of a standalone worker: the common {@link WorkerConfig} settings plus the file that
 * holds source connector offsets.
 */
public class StandaloneConfig extends WorkerConfig {

    public static final String OFFSET_STORAGE_FILE_FILENAME_CONFIG = "offset.storage.file.filename";
    private static final String OFFSET_STORAGE_FILE_FILENAME_DOC = "The file where a standalone worker keeps "
            + "source connector offsets (Apache's format, so the file can move between Apache and Ferry).";

    private static final ConfigDef CONFIG = configDef();

    /** The full definition of standalone worker settings. */
    public static ConfigDef configDef() {
        return baseConfigDef()
                .define(OFFSET_STORAGE_FILE_FILENAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(), Importance.HIGH, OFFSET_STORAGE_FILE_FILENAME_DOC);
    }

    /** Parses standalone worker properties, loading converters from the worker's classpath. */
    public StandaloneConfig(Map<String, String> props) {
        super(CONFIG, props);
    }

    /**
     * Parses standalone worker properties, resolving converter names and aliases with the plugin
     * registry, so converters installed on {@code plugin.path} can be named.
     */
    public StandaloneConfig(Map<String, String> props, Plugins plugins) {
        super(CONFIG, props, plugins::pluginClass);
    }

    public String offsetStorageFile() {
        return getString(OFFSET_STORAGE_FILE_FILENAME_CONFIG);
    }
}

package dev.ferry.runtime.model;

/**
 * A plugin class that the worker can load.
 *
 * @param className the fully qualified class name
 * @param type      the kind of plugin
 * @param version   the version the plugin reports, or {@code "undefined"}
 * @param location  where it was found: a plugin directory or jar, or {@code "classpath"}
 */
public record PluginDescriptor(String className, PluginType type, String version, String location) {

    /** The version reported when a plugin is not {@code Versioned} or gives none. */
    public static final String UNDEFINED_VERSION = "undefined";
}

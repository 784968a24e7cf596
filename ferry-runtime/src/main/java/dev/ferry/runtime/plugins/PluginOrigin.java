package dev.ferry.runtime.plugins;

/**
 * Where a plugin came from. When the same class is installed in the same version more than once, the earlier
 * origin wins: what the operator put on {@code plugin.path} overrides what Ferry bundles, which overrides the
 * worker classpath.
 */
enum PluginOrigin {
    PLUGIN_PATH("plugin.path"),
    BUNDLED("the bundled plugin path"),
    CLASSPATH("the worker classpath");

    private final String description;

    PluginOrigin(String description) {
        this.description = description;
    }

    /**
     * Whether plugins of this origin may be found by scanning their classes ({@code plugin.discovery}). Ferry's
     * bundled plugins all carry ServiceLoader manifests: scanning their libraries' classes (Avro, protobuf-java,
     * Kotlin's standard library, ...) cost every worker start a few hundred milliseconds and found nothing more.
     */
    boolean scannable() {
        return this != BUNDLED;
    }

    /** How error messages name this origin. */
    String description() {
        return description;
    }
}

package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin types that a class outside the scanned plugin implements, for classes the worker itself provides
 * (a plugin extending connect-api's {@code StringConverter}, say). Only Kafka's and Ferry's classes are
 * considered, since only those are shared with plugins; they are loaded, never initialised, from the worker's
 * class loader and the answer is cached.
 */
final class ExternalTypes {

    /** One cache for the worker's own classes, which are the same for every plugin location. */
    static final ExternalTypes SHARED = new ExternalTypes(ExternalTypes.class.getClassLoader());

    private final ClassLoader loader;
    private final Map<String, EnumSet<PluginType>> cache = new ConcurrentHashMap<>();

    ExternalTypes(ClassLoader loader) {
        this.loader = loader;
    }

    /** The plugin types the named class implements; empty if it implements none or is not on the worker. */
    EnumSet<PluginType> of(String className) {
        if (!className.startsWith("org.apache.kafka.") && !className.startsWith("dev.ferry.")) {
            return EnumSet.noneOf(PluginType.class);
        }
        return EnumSet.copyOf(cache.computeIfAbsent(className, this::load));
    }

    private EnumSet<PluginType> load(String className) {
        EnumSet<PluginType> types = EnumSet.noneOf(PluginType.class);
        try {
            Class<?> klass = Class.forName(className, false, loader);
            for (PluginType type : PluginType.values()) {
                if (PluginTypes.typeClass(type).isAssignableFrom(klass)) {
                    types.add(type);
                }
            }
        } catch (ClassNotFoundException | LinkageError notOnWorker) {
            // Not a worker class: the plugin's own hierarchy decides.
        }
        return types;
    }
}

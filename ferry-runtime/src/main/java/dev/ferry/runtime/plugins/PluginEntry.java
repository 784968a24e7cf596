package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;

/**
 * One discovered plugin: a loaded (not initialised) class, the type it was found as, and where it came from.
 * A class implementing two plugin types (a converter that is also a header converter) has two entries.
 *
 * <p>The version is read on first use, by {@link PluginVersions}, because reading it means instantiating the
 * plugin; most plugins are never asked.
 */
final class PluginEntry {

    private final Class<?> pluginClass;
    private final PluginType type;
    private final String location;
    private final PluginOrigin origin;
    private final ClassLoader loader;
    private volatile String version;

    PluginEntry(Class<?> pluginClass, PluginType type, String location, PluginOrigin origin, ClassLoader loader) {
        this.pluginClass = pluginClass;
        this.type = type;
        this.location = location;
        this.origin = origin;
        this.loader = loader;
    }

    Class<?> pluginClass() {
        return pluginClass;
    }

    String className() {
        return pluginClass.getName();
    }

    PluginType type() {
        return type;
    }

    /** The plugin directory or archive, or {@code classpath}. */
    String location() {
        return location;
    }

    PluginOrigin origin() {
        return origin;
    }

    /** The loader to make current while running the plugin's code. */
    ClassLoader loader() {
        return loader;
    }

    /** The isolated loader that defined the class, or null for classpath plugins. */
    PluginClassLoader pluginLoader() {
        return loader instanceof PluginClassLoader p ? p : null;
    }

    String version() {
        String v = version;
        if (v == null) {
            v = PluginVersions.read(pluginClass, loader);
            version = v;
        }
        return v;
    }

    PluginDescriptor descriptor() {
        return new PluginDescriptor(className(), type, version(), location);
    }

    @Override
    public String toString() {
        return className() + " (" + type.jsonName() + ", " + location + ")";
    }
}

package dev.ferry.runtime.plugins;

import java.util.function.Function;

/**
 * The parent of every {@link PluginClassLoader} and the context loader for classpath plugins: it sees the
 * worker classpath and, by fully qualified name, every plugin class found on the plugin path.
 *
 * <p>That second part is what lets a connector name another plugin's class in its own config (a
 * {@code ConfigDef.Type.CLASS} default, or {@code Class.forName} with the context loader) and get it from
 * that plugin's loader, as on Apache's runtime. A plugin class name is handed to its owner's
 * {@link PluginClassLoader#loadFromPlugin} without taking this loader's lock, so two plugin loaders asking
 * for each other's classes cannot deadlock here.
 *
 * <p>Last, a class of Apache's connect-runtime packages that neither the worker class path nor a plugin provides is
 * taken from the {@link ApacheRuntimeLibrary}, as Apache's worker class path would provide it; only such a request
 * opens that library.
 */
final class DelegatingLoader extends ClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private volatile Function<String, PluginClassLoader> owners = className -> null;
    private final ApacheRuntimeLibrary apacheRuntime;

    DelegatingLoader(ClassLoader parent, ApacheRuntimeLibrary apacheRuntime) {
        super("ferry-plugins", parent);
        this.apacheRuntime = apacheRuntime;
        apacheRuntime.serveApachePluginsFrom(name -> owners.apply(name));
    }

    /** The compatibility library behind this loader. */
    ApacheRuntimeLibrary apacheRuntime() {
        return apacheRuntime;
    }

    /** Installs the lookup from plugin class name to the loader that owns it, once discovery has finished. */
    void routeTo(Function<String, PluginClassLoader> owners) {
        this.owners = owners;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        PluginClassLoader owner = owners.apply(name);
        if (owner != null) {
            Class<?> pluginClass = owner.loadFromPlugin(name);
            if (resolve) {
                resolveClass(pluginClass);
            }
            return pluginClass;
        }
        return super.loadClass(name, resolve);
    }

    /** Called when the worker class path lacks {@code name}: connect-runtime's classes come from the library. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (ApacheRuntimeLibrary.serves(name)) {
            return apacheRuntime.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }
}

package dev.ferry.runtime.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin location (a plugin directory, an uber jar or a class directory).
 *
 * <p>Isolated classes (see {@link IsolationRule}) are looked up in the plugin first, so a plugin can bundle
 * library versions that differ from the worker's and from other plugins'. Shared classes are asked of the
 * parent first; but when the parent does not have such a class at all the plugin's own copy is used, so a
 * plugin that puts its own classes under {@code org.apache.kafka} (Kafka's {@code connect-test-plugins} does)
 * still loads. Resources are looked up in the plugin first, then in the parent.
 *
 * <p>The parent is the {@link DelegatingLoader}, which sees the worker classpath and every other plugin class
 * by name.
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Path location;

    PluginClassLoader(Path location, List<URL> urls, ClassLoader parent) {
        super("plugin:" + location, urls.toArray(new URL[0]), parent);
        this.location = location;
    }

    /** The plugin directory or archive this loader reads. */
    Path location() {
        return location;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = IsolationRule.isolated(name) ? pluginFirst(name) : parentFirst(name);
                } catch (ClassNotFoundException missing) {
                    // The JVM makes this the cause of the NoClassDefFoundError a plugin gets when it links a class
                    // nobody has; naming this location lets error reports say which plugin asked (MissingClass).
                    // An exception that says more than the name (the compatibility library's) is kept.
                    throw name.equals(missing.getMessage()) ? MissingClass.notInPlugin(name, location) : missing;
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /**
     * Loads a class from this plugin only, never asking the parent. The {@link DelegatingLoader} uses this
     * to hand out another plugin's class without looping back through the parent chain.
     */
    Class<?> loadFromPlugin(String name) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : findClass(name);
        }
    }

    private Class<?> pluginFirst(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
            return getParent().loadClass(name);
        }
    }

    private Class<?> parentFirst(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notOnParent) {
            try {
                return findClass(name);
            } catch (ClassNotFoundException notInPlugin) {
                // the parent's reason says what to install when it is the missing connect-runtime library
                throw ApacheRuntimeLibrary.isMissingLibrary(notOnParent) ? notOnParent : notInPlugin;
            }
        }
    }

    @Override
    public URL getResource(String name) {
        URL local = findResource(name);
        return local != null ? local : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    public String toString() {
        return "PluginClassLoader{" + location + "}";
    }
}

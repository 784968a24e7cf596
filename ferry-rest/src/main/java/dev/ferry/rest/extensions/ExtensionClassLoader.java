package dev.ferry.rest.extensions;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The context loader for code of several extensions at once (Jersey calling their filters and
 * resources): the worker's classes first, then each extension plugin's loader in registration
 * order, so that a class an extension looks up by name (Apache's basic auth filter's JAAS login
 * module) is found even when the extension lives on {@code plugin.path}.
 */
final class ExtensionClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> pluginLoaders;

    private ExtensionClassLoader(ClassLoader worker, List<ClassLoader> pluginLoaders) {
        super("ferry-rest-extensions", worker);
        this.pluginLoaders = pluginLoaders;
    }

    /** A loader over the loaders of {@code classes} (the worker's own and the JDK's are skipped). */
    static ClassLoader over(List<Class<?>> classes) {
        ClassLoader worker = ExtensionClassLoader.class.getClassLoader();
        LinkedHashSet<ClassLoader> loaders = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && loader != worker) {
                loaders.add(loader);
            }
        }
        return loaders.isEmpty() ? worker : new ExtensionClassLoader(worker, List.copyOf(loaders));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : pluginLoaders) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                // try the next plugin
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader loader : pluginLoaders) {
            URL url = loader.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (ClassLoader loader : pluginLoaders) {
            urls.addAll(Collections.list(loader.getResources(name)));
        }
        return Collections.enumeration(urls);
    }
}

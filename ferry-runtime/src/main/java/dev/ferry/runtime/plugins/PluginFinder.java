package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.Sentences;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds the plugins of each location and of the worker classpath, according to the discovery mode, and loads
 * (without initialising) each plugin class to check it is usable: it implements its type, is public and
 * concrete, and has a public no-argument constructor. Unusable classes are logged and skipped, never fatal,
 * so one broken plugin cannot stop a worker.
 */
final class PluginFinder {

    private static final Logger log = LoggerFactory.getLogger(PluginFinder.class);

    private final PluginDiscovery mode;
    private final DelegatingLoader delegatingLoader;
    private final ClassLoader workerLoader;
    private final List<PluginEntry> entries = new ArrayList<>();
    private final List<Plugins.WithoutManifest> missingManifests = new ArrayList<>();
    private final UnusablePlugins unusable = new UnusablePlugins();

    PluginFinder(PluginDiscovery mode, DelegatingLoader delegatingLoader) {
        this.mode = mode;
        this.delegatingLoader = delegatingLoader;
        this.workerLoader = delegatingLoader.getParent();
    }

    List<PluginEntry> entries() {
        return entries;
    }

    /** The plugins found but ignored, with the reason. */
    UnusablePlugins unusable() {
        return unusable;
    }

    /** The plugins found by scanning but listed in no manifest. */
    List<Plugins.WithoutManifest> missingManifests() {
        return missingManifests;
    }

    /** Creates the loader of a location and registers its plugins. */
    PluginClassLoader addLocation(PluginLocation location) {
        PluginClassLoader loader = new PluginClassLoader(location.path(), urls(location), delegatingLoader);
        boolean scannable = location.origin().scannable();
        Map<String, EnumSet<PluginType>> fromManifests = new TreeMap<>();
        for (PluginType type : scannable ? manifestTypes() : EnumSet.allOf(PluginType.class)) {
            for (ArchiveContents contents : location.classpath()) {
                contents.manifest(type).forEach(c -> fromManifests.computeIfAbsent(c, k -> EnumSet.noneOf(PluginType.class)).add(type));
            }
        }
        Map<String, EnumSet<PluginType>> found = new TreeMap<>();
        fromManifests.forEach((c, types) -> found.put(c, EnumSet.copyOf(types)));
        if (mode.scans() && scannable) {
            PluginTypes.candidates(location.classpath(), ExternalTypes.SHARED, PluginTypes.SCANNABLE).forEach((c, types) -> {
                found.computeIfAbsent(c, k -> EnumSet.noneOf(PluginType.class)).addAll(types);
                if (mode.reportsMissingManifests()) {
                    for (PluginType type : types) {
                        if (!fromManifests.getOrDefault(c, EnumSet.noneOf(PluginType.class)).contains(type)) {
                            missingManifests.add(new Plugins.WithoutManifest(c, type, location.path().toString()));
                        }
                    }
                }
            });
        }
        int before = entries.size();
        found.forEach((className, types) -> types.forEach(type -> register(className, type, loader,
                location.path().toString(), location.origin(), loader)));
        log.info("Found {} plugins in {} ({})", entries.size() - before, location.path(), location.origin().description());
        return loader;
    }

    /** Registers the fixed list of classpath plugins and those named in the classpath's manifests. */
    void addClasspath() {
        Map<String, Set<PluginType>> plugins = new LinkedHashMap<>(ClasspathPlugins.fixedList());
        for (PluginType type : PluginType.values()) {
            try {
                for (String className : ServiceManifests.classNames(
                        workerLoader.getResources(ServiceManifests.resourceName(type.interfaceName())))) {
                    plugins.merge(className, Set.of(type), (a, b) -> {
                        Set<PluginType> union = EnumSet.copyOf(a);
                        union.addAll(b);
                        return union;
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the classpath's manifests for " + type.interfaceName(), e);
            }
        }
        int before = entries.size();
        plugins.forEach((className, types) -> types.forEach(type -> register(className, type, workerLoader,
                "classpath", PluginOrigin.CLASSPATH, null)));
        log.debug("Found {} plugins on the worker classpath", entries.size() - before);
    }

    private Set<PluginType> manifestTypes() {
        if (mode == PluginDiscovery.ONLY_SCAN) {
            Set<PluginType> manifestOnly = EnumSet.allOf(PluginType.class);
            manifestOnly.removeAll(PluginTypes.SCANNABLE);
            return manifestOnly;
        }
        return EnumSet.allOf(PluginType.class);
    }

    private void register(String className, PluginType type, ClassLoader loader, String location,
                          PluginOrigin origin, PluginClassLoader definingLoader) {
        Class<?> klass;
        try {
            klass = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            String problem = "its class cannot be loaded: " + (PluginFailure.explains(e) ? PluginFailure.describe(e)
                    : e + ". If it needs a library, put that library's jar next to the plugin");
            log.warn("Ignoring plugin {} ({}) in {}: {}.", className, type.jsonName(), location, problem);
            unusable.add(className, type, location, problem);
            return;
        }
        if (definingLoader != null && klass.getClassLoader() != definingLoader) {
            log.debug("Not registering {} from {}: the class is provided by {}", className, location, klass.getClassLoader());
            return;
        }
        String problem = problemWith(klass, type);
        if (problem != null) {
            log.warn("Ignoring plugin {} ({}) in {}: {}.", className, type.jsonName(), location, problem);
            unusable.add(className, type, location, problem);
            return;
        }
        entries.add(new PluginEntry(klass, type, location, origin, definingLoader != null ? definingLoader : delegatingLoader));
        log.debug("Registered plugin {} ({}) from {}", className, type.jsonName(), location);
    }

    private static String problemWith(Class<?> klass, PluginType type) {
        if (!PluginTypes.typeClass(type).isAssignableFrom(klass)) {
            return "it is listed as a " + type.interfaceName() + " but does not implement it; fix the plugin's "
                    + "META-INF/services manifest";
        }
        int modifiers = klass.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || klass.isInterface()) {
            return "it is not a public concrete class";
        }
        try {
            klass.getConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return "it has no public no-argument constructor";
        } catch (LinkageError e) {
            // Resolving the constructor links the classes its signature and superclasses name: a class the plugin
            // needs but does not carry shows up here, not as a missing constructor.
            return PluginFailure.explains(e) ? PluginFailure.describe(e) : "a class it needs cannot be loaded (" + e
                    + "); install the jar that holds that class in the plugin's directory";
        }
    }

    /** Fails or warns, depending on the mode, when plugins were found only by scanning. */
    void reportMissingManifests() {
        if (missingManifests.isEmpty() || !mode.reportsMissingManifests()) {
            return;
        }
        String listing = missingManifests.stream()
                .map(p -> "  " + p.location() + "\t" + p.className() + "\t" + p.type().jsonName())
                .collect(Collectors.joining("\n"));
        String message = missingManifests.size() + " plugin(s) have no ServiceLoader manifest (META-INF/services/"
                + "<plugin interface>) and would not be found with plugin.discovery=service_load:\n" + listing
                + "\nAdd the manifests to those plugins (Apache's bin/connect-plugin-path.sh sync-manifests writes "
                + "them), or ask their authors to";
        if (mode == PluginDiscovery.HYBRID_FAIL) {
            throw new ConnectException(message + "; or set plugin.discovery=hybrid_warn (or only_scan) to start anyway.");
        }
        log.warn("{}. With plugin.discovery=hybrid_warn they are still loaded.", message);
    }

    private static List<URL> urls(PluginLocation location) {
        List<URL> urls = new ArrayList<>();
        for (ArchiveContents contents : location.classpath()) {
            try {
                urls.add(contents.path().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new PluginPathException(contents.path(), "Plugin path element '" + contents.path()
                        + "' cannot be turned into a URL: " + Sentences.end(e.getMessage()) + " Rename it or move it.", e);
            }
        }
        return urls;
    }
}

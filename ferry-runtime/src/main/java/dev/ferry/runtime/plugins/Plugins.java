package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's plugins: discovered once at start-up from {@code plugin.path}, Ferry's bundled plugin
 * directories and the worker classpath, then looked up by class name or alias and instantiated in isolation.
 *
 * <h2>Isolation</h2>
 * Each plugin location (a plugin directory, an uber jar, a class directory) has its own class loader that looks
 * in the plugin first, except for the JDK, the Kafka and Connect APIs and SLF4J, which are shared with the
 * worker (see {@link IsolationRule}). Two plugins can therefore bundle different versions of one library.
 * Classpath plugins (connect-api's string converters, kafka-clients' config providers, Ferry's replacements for
 * Apache's connect-runtime converters and override policies) are not isolated. Classes of Apache's connect-runtime
 * that plugins link against ({@code ConnectorConfig}, {@code KafkaBasedLog}, ...) come from the
 * {@link ApacheRuntimeLibrary}, opened only when a plugin first asks for one.
 *
 * <h2>Discovery</h2>
 * Per {@link PluginDiscovery}: {@code ServiceLoader} manifests, bytecode scanning, or both. Neither instantiates
 * anything; a plugin's version is read on first request by creating one instance.
 *
 * <h2>Names and versions</h2>
 * Wherever a class name is accepted, so are its aliases (simple name, and simple name without its type suffix,
 * unless two plugins claim it), Apache's connect-runtime class names of the plugins Ferry replaces, and Confluent's
 * class names of the components Ferry's bundled plugins stand in for (the schema-registry converters) unless
 * Confluent's own class is installed. Several
 * versions of a class may be installed; a version spec is an exact version or a Maven range, and none means
 * the latest.
 *
 * <h2>Threads</h2>
 * Discovery happens in {@link #discover}; afterwards every method is safe to call from any thread.
 * {@link #close()} closes the plugin loaders; call it once the worker has stopped every plugin.
 */
public final class Plugins implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Plugins.class);
    private static final Set<PluginType> CONNECTORS = EnumSet.of(PluginType.SOURCE, PluginType.SINK);

    private final PluginRegistry registry;
    private final DelegatingLoader delegatingLoader;
    private final List<PluginClassLoader> loaders;
    private final UnusablePlugins unusable;
    private final List<WithoutManifest> withoutManifests;

    /**
     * A plugin found by scanning a plugin location's bytecode but listed in no {@code META-INF/services}
     * manifest, so {@code plugin.discovery=service_load} would not find it.
     *
     * @param location the plugin directory or archive
     */
    public record WithoutManifest(String className, PluginType type, String location) {
    }

    private Plugins(PluginRegistry registry, DelegatingLoader delegatingLoader, List<PluginClassLoader> loaders,
                    UnusablePlugins unusable, List<WithoutManifest> withoutManifests) {
        this.registry = registry;
        this.unusable = unusable;
        this.withoutManifests = List.copyOf(withoutManifests);
        this.delegatingLoader = delegatingLoader;
        this.loaders = List.copyOf(loaders);
    }

    /**
     * Finds all plugins.
     *
     * @param userPath    the worker's {@code plugin.path} elements
     * @param bundledPath Ferry's own bundled plugin directories, always searched (like Apache's classpath);
     *                    each element has the same layout as a {@code plugin.path} element
     * @param mode        the worker's {@code plugin.discovery}
     * @throws PluginPathException if an element does not exist or cannot be read
     * @throws ConnectException    with {@link PluginDiscovery#HYBRID_FAIL}, if some plugin has no manifest
     */
    public static Plugins discover(List<Path> userPath, List<Path> bundledPath, PluginDiscovery mode) {
        return discover(userPath, bundledPath, mode, ApacheRuntimeLibrary.installed(Plugins.class.getClassLoader()));
    }

    /** As {@link #discover(List, List, PluginDiscovery)}, serving connect-runtime's classes from {@code apacheRuntime}. */
    static Plugins discover(List<Path> userPath, List<Path> bundledPath, PluginDiscovery mode,
                            ApacheRuntimeLibrary apacheRuntime) {
        long start = System.nanoTime();
        DelegatingLoader delegatingLoader = new DelegatingLoader(Plugins.class.getClassLoader(), apacheRuntime);
        PluginLocations locations = new PluginLocations(mode.scans());
        List<PluginLocation> bundled = locations.resolve(bundledPath, PluginOrigin.BUNDLED);
        List<PluginLocation> user = locations.resolve(userPath, PluginOrigin.PLUGIN_PATH);

        PluginFinder finder = new PluginFinder(mode, delegatingLoader);
        List<PluginClassLoader> loaders = new ArrayList<>();
        try {
            for (PluginLocation location : bundled) {
                loaders.add(finder.addLocation(location));
            }
            // user plugins that link Apache's plugin libraries (Debezium's SMTs use ReplaceField) are instantiated
            // while they are discovered, and must find those classes in the bundled plugins already
            List<PluginClassLoader> bundledLoaders = List.copyOf(loaders);
            delegatingLoader.routeTo(name -> PluginRegistry.apacheLibraryOwner(name, bundledLoaders));
            for (PluginLocation location : user) {
                loaders.add(finder.addLocation(location));
            }
            finder.addClasspath();
            finder.reportMissingManifests();
        } catch (RuntimeException e) {
            closeAll(loaders);
            apacheRuntime.close();
            throw e;
        }
        String searched = PluginOrigin.PLUGIN_PATH.description() + " " + absolute(userPath) + ", "
                + PluginOrigin.BUNDLED.description() + " " + absolute(bundledPath) + " and "
                + PluginOrigin.CLASSPATH.description();
        PluginRegistry registry = new PluginRegistry(finder.entries(), ClasspathPlugins.standIns(), searched);
        delegatingLoader.routeTo(registry::isolatedOwner);
        log.info("Discovered {} plugins in {} plugin locations and the classpath in {} ms (plugin.discovery={})",
                finder.entries().size(), bundled.size() + user.size(), (System.nanoTime() - start) / 1_000_000,
                mode.configValue());
        return new Plugins(registry, delegatingLoader, loaders, finder.unusable(), finder.missingManifests());
    }

    /** Descriptors of the discovered plugins of the given types (all types if none are given), sorted. */
    public List<PluginDescriptor> plugins(PluginType... types) {
        Set<PluginType> wanted = types.length == 0 ? EnumSet.allOf(PluginType.class) : EnumSet.copyOf(Arrays.asList(types));
        return registry.entries().stream()
                .filter(e -> wanted.contains(e.type()))
                .map(PluginEntry::descriptor)
                .map(Plugins::underApacheName)
                .sorted(Comparator.comparing(PluginDescriptor::className)
                        .thenComparing(PluginDescriptor::type)
                        .thenComparing(d -> MavenVersion.of(d.version()))
                        .thenComparing(PluginDescriptor::location))
                .toList();
    }

    /**
     * Lists a plugin Ferry implements in place of a class Apache ships inside connect-runtime under
     * Apache's name (which resolves to Ferry's class), so names copied from the listing work on
     * Apache and on Ferry alike.
     */
    private static PluginDescriptor underApacheName(PluginDescriptor d) {
        String apache = APACHE_NAMES.get(d.className());
        return apache == null ? d : new PluginDescriptor(apache, d.type(), d.version(), d.location());
    }

    private static final Map<String, String> APACHE_NAMES = ClasspathPlugins.replacedApacheClasses().entrySet()
            .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    /**
     * The plugins of {@code plugin.path} and the bundled directories that have no ServiceLoader manifest, as found
     * by a discovery mode that compares scanning with manifests ({@code hybrid_warn}, {@code hybrid_fail}); empty
     * for the other modes. {@code ferry doctor} reports them.
     */
    public List<WithoutManifest> withoutManifests() {
        return withoutManifests;
    }

    /**
     * The plugin class of a type for a class name or alias.
     *
     * @param versionSpec exact version ({@code 1.2}) or Maven range ({@code [1.0,2.0)}); null or
     *                    {@code latest} for the newest installed version
     * @throws PluginNotFoundException if there is no such plugin
     * @throws PluginVersionException  if the spec is invalid or matches no installed version
     */
    public Class<?> pluginClass(String nameOrAlias, PluginType type, String versionSpec) {
        return select(nameOrAlias, EnumSet.of(type), versionSpec, null).pluginClass();
    }

    /**
     * Like {@link #pluginClass(String, PluginType, String)}, but when no version is requested a plugin defined
     * by {@code preferredLoader} wins: use the connector's loader so that a converter or SMT packaged with the
     * connector is the one it gets, as on Apache's runtime.
     */
    public Class<?> pluginClass(String nameOrAlias, PluginType type, String versionSpec, ClassLoader preferredLoader) {
        return select(nameOrAlias, EnumSet.of(type), versionSpec, preferredLoader).pluginClass();
    }

    /** The source or sink connector class for a class name or alias; see {@link #pluginClass}. */
    @SuppressWarnings("unchecked")
    public Class<? extends Connector> connectorClass(String nameOrAlias, String versionSpec) {
        return (Class<? extends Connector>) select(nameOrAlias, CONNECTORS, versionSpec, null).pluginClass();
    }

    /** The registry's choice; a name that discovery found but had to ignore is told why instead of "not found". */
    private PluginEntry select(String nameOrAlias, Set<PluginType> types, String versionSpec, ClassLoader preferred) {
        try {
            return registry.select(nameOrAlias, types, versionSpec, preferred);
        } catch (PluginNotFoundException e) {
            throw unusable.explain(e);
        }
    }

    /** {@link PluginType#SOURCE} or {@link PluginType#SINK}. */
    public PluginType connectorType(Class<? extends Connector> connectorClass) {
        if (SourceConnector.class.isAssignableFrom(connectorClass)) {
            return PluginType.SOURCE;
        }
        if (SinkConnector.class.isAssignableFrom(connectorClass)) {
            return PluginType.SINK;
        }
        throw new ConnectException("Connector class " + connectorClass.getName() + " extends neither SourceConnector "
                + "nor SinkConnector, so Connect cannot run it. Its author must extend one of the two.");
    }

    /** A new connector instance; see {@link #pluginClass} for names and versions. */
    public Connector newConnector(String nameOrAlias, String versionSpec) {
        return newInstance(connectorClass(nameOrAlias, versionSpec));
    }

    /** A new, unconfigured converter; see {@link #pluginClass} for names and versions. */
    public Converter newConverter(String nameOrAlias, String versionSpec) {
        return (Converter) newInstance(pluginClass(nameOrAlias, PluginType.CONVERTER, versionSpec));
    }

    /** A new, unconfigured header converter; see {@link #pluginClass} for names and versions. */
    public HeaderConverter newHeaderConverter(String nameOrAlias, String versionSpec) {
        return (HeaderConverter) newInstance(pluginClass(nameOrAlias, PluginType.HEADER_CONVERTER, versionSpec));
    }

    /** A new, unconfigured transformation (SMT); see {@link #pluginClass} for names and versions. */
    @SuppressWarnings("unchecked")
    public <R extends ConnectRecord<R>> Transformation<R> newTransformation(String nameOrAlias, String versionSpec) {
        return (Transformation<R>) newInstance(pluginClass(nameOrAlias, PluginType.TRANSFORMATION, versionSpec));
    }

    /** A new, unconfigured predicate; see {@link #pluginClass} for names and versions. */
    @SuppressWarnings("unchecked")
    public <R extends ConnectRecord<R>> Predicate<R> newPredicate(String nameOrAlias, String versionSpec) {
        return (Predicate<R>) newInstance(pluginClass(nameOrAlias, PluginType.PREDICATE, versionSpec));
    }

    /** A new, unconfigured config provider, e.g. {@code FileConfigProvider}; the latest version. */
    public ConfigProvider newConfigProvider(String nameOrAlias) {
        return (ConfigProvider) newInstance(pluginClass(nameOrAlias, PluginType.CONFIG_PROVIDER, null));
    }

    /** A client config override policy: {@code All}, {@code None}, {@code Principal}, {@code Allowlist} or a class name. */
    public ConnectorClientConfigOverridePolicy newOverridePolicy(String nameOrAlias) {
        return (ConnectorClientConfigOverridePolicy) newInstance(
                pluginClass(nameOrAlias, PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY, null));
    }

    /**
     * Creates an instance through the public no-argument constructor, with the plugin's loader as the thread's
     * context loader.
     *
     * @throws ConnectException naming the class, its location and the cause when construction fails
     */
    public <T> T newInstance(Class<T> pluginClass) {
        try (LoaderSwap ignored = swapLoader(loaderOf(pluginClass))) {
            return pluginClass.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginFailure.Explained("Plugin " + describe(pluginClass) + " threw while being created: "
                    + PluginFailure.describe(cause) + (PluginFailure.explains(cause) ? "."
                    : ". Check the plugin's documentation and its dependencies."), cause);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ConnectException("Plugin " + describe(pluginClass) + " cannot be created: it needs a public "
                    + "no-argument constructor.", e);
        } catch (InstantiationException | LinkageError e) {
            // Resolving the constructor links the classes it names; running it may run static initialisers.
            throw new PluginFailure.Explained("Plugin " + describe(pluginClass) + " cannot be created: "
                    + PluginFailure.describe(e) + (PluginFailure.explains(e) ? "." : ". If a class is missing, add the "
                    + "library that contains it to the plugin's directory."), e);
        } catch (RuntimeException e) {
            throw new PluginFailure.Explained("Plugin " + describe(pluginClass) + " cannot be created: " + e, e);
        }
    }

    /**
     * The loader to make current while running a plugin's code: its isolated loader, or for classpath plugins a
     * loader that sees the classpath and every plugin class.
     */
    public ClassLoader loaderOf(Class<?> pluginClass) {
        ClassLoader own = pluginClass.getClassLoader();
        return own instanceof PluginClassLoader ? own : delegatingLoader;
    }

    /**
     * The loader that sees the worker classpath plus every plugin class by its full name. Make it the context
     * loader while parsing configs whose {@code CLASS}-typed values name plugin classes.
     */
    public ClassLoader delegatingLoader() {
        return delegatingLoader;
    }

    /** The plugin's version, or {@link PluginDescriptor#UNDEFINED_VERSION} if it is not {@code Versioned} or gives none. */
    public String versionOf(Class<?> pluginClass) {
        PluginEntry entry = registry.entryOf(pluginClass);
        return entry != null ? entry.version() : PluginVersions.read(pluginClass, loaderOf(pluginClass));
    }

    /** Where a plugin class was found: its plugin directory or archive, {@code classpath}, or its loader. */
    public String locationOf(Class<?> pluginClass) {
        PluginEntry entry = registry.entryOf(pluginClass);
        if (entry != null) {
            return entry.location();
        }
        return pluginClass.getClassLoader() instanceof PluginClassLoader loader ? loader.location().toString() : "classpath";
    }

    /** Makes {@code loader} the current thread's context loader until the returned swap is closed. */
    public static LoaderSwap swapLoader(ClassLoader loader) {
        return LoaderSwap.to(loader);
    }

    /**
     * Makes the loader that defined {@code plugin}'s class the context loader until closed; a no-op when it
     * already is (the per-record case) or when the class has no loader of its own.
     */
    public static LoaderSwap swapLoaderOf(Object plugin) {
        return LoaderSwap.to(plugin.getClass().getClassLoader());
    }

    /**
     * As {@link #swapLoaderOf}, without allocating, for calls made on every record: returns the loader to
     * give {@link LoaderSwap#exit} in a {@code finally} block.
     */
    public static ClassLoader enterLoaderOf(Object plugin) {
        return LoaderSwap.enter(plugin.getClass().getClassLoader());
    }

    /** Closes every plugin class loader; plugin classes not yet loaded cannot be loaded afterwards. */
    @Override
    public void close() {
        closeAll(loaders);
        delegatingLoader.apacheRuntime().close();
    }

    /** Whether a plugin has asked for a class of Apache's connect-runtime, which opened the compatibility library. */
    boolean apacheRuntimeOpened() {
        return delegatingLoader.apacheRuntime().opened();
    }

    private String describe(Class<?> pluginClass) {
        PluginEntry entry = registry.entryOf(pluginClass);
        return pluginClass.getName() + (entry != null ? " from " + entry.location() : "");
    }

    private static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    private static void closeAll(List<PluginClassLoader> loaders) {
        for (PluginClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                log.warn("Could not close the class loader of {}: {}", loader.location(), e.toString());
            }
        }
    }
}

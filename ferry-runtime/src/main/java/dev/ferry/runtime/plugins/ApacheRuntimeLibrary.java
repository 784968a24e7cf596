package dev.ferry.runtime.plugins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Apache's {@code connect-runtime} jar (with the libraries its config and utility classes link against), offered to
 * plugins as a compatibility library: the classes Apache keeps on every worker's class path and that plugins link
 * against ({@code ConnectorConfig}, {@code KafkaBasedLog}, {@code TopicAdmin}, ... MirrorMaker 2's connectors need
 * these), which Ferry's own engine neither contains nor uses.
 *
 * <h2>Why a library and not Ferry code</h2>
 * Plugins link against Apache's exact classes (their constants, static config definitions, constructors), so only
 * Apache's own bytes behave the same. They stay out of Ferry's class path: they are never on the engine's path and
 * cost nothing unless a plugin asks for one of them.
 *
 * <h2>Lazy</h2>
 * Nothing is opened when the worker starts. The one class loader over the library is created the first time a plugin
 * loader asks for a class of connect-runtime's packages that Ferry's class path does not have (see
 * {@link DelegatingLoader}); a worker without such plugins never creates it.
 *
 * <h2>Which copy wins</h2>
 * As on Apache's worker, where these classes are not isolated: a plugin gets the library's copy even when it brings
 * its own, and its own copy only when the library does not have the class. The library's loader asks Ferry's class
 * loader first (so connect-api, kafka-clients and SLF4J are the worker's), then its own jars, then, for classes of
 * Apache's plugin packages (connect-json, connect-transforms), the bundled Apache plugin that holds them, as those
 * jars sit on Apache's class path next to connect-runtime.
 *
 * <h2>Where it is</h2>
 * Every jar in one directory: the system property {@value #DIR_PROPERTY} if set, otherwise
 * {@code compat/apache-connect-runtime} of the Ferry installation ({@code ferry.home} or {@code FERRY_HOME}).
 *
 * <p>Thread-safe; the loader is created at most once.
 */
final class ApacheRuntimeLibrary implements AutoCloseable {

    /** Names the directory that holds the library's jars, overriding the installation's. */
    static final String DIR_PROPERTY = "ferry.apache.runtime.dir";
    /** The library's directory inside a Ferry installation. */
    static final String INSTALLED_DIR = "compat/apache-connect-runtime";

    private static final Logger log = LoggerFactory.getLogger(ApacheRuntimeLibrary.class);

    /** The packages of Apache's connect-runtime jar that Ferry's class path lacks: the library serves only these. */
    private static final List<String> PACKAGES = List.of(
            "org.apache.kafka.connect.runtime.", "org.apache.kafka.connect.util.",
            "org.apache.kafka.connect.storage.", "org.apache.kafka.connect.converters.",
            "org.apache.kafka.connect.connector.policy.", "org.apache.kafka.connect.cli.",
            "org.apache.kafka.connect.tools.");

    private final Path dir;
    private final ClassLoader workerLoader;
    private volatile Function<String, ? extends ClassLoader> apachePluginOwners = name -> null;
    private volatile LibraryLoader loader;
    private boolean closed;
    /** Whether the missing library was logged already (guarded by this). */
    private boolean warned;

    /**
     * @param dir          the directory of the library's jars; null when Ferry's installation was not found
     * @param workerLoader Ferry's own class loader, the library loader's parent
     */
    ApacheRuntimeLibrary(Path dir, ClassLoader workerLoader) {
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
        this.workerLoader = workerLoader;
    }

    /** The library of this Ferry installation (see the class javadoc for where it is looked for). */
    static ApacheRuntimeLibrary installed(ClassLoader workerLoader) {
        String explicit = System.getProperty(DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return new ApacheRuntimeLibrary(Path.of(explicit), workerLoader);
        }
        String home = System.getProperty("ferry.home", System.getenv("FERRY_HOME"));
        return new ApacheRuntimeLibrary(home == null ? null : Path.of(home, INSTALLED_DIR), workerLoader);
    }

    /**
     * Lets the library's classes reach the non-plugin classes of Apache's plugin packages ({@code JsonConverterConfig},
     * {@code ReplaceField}) through the bundled plugin that holds each.
     */
    void serveApachePluginsFrom(Function<String, ? extends ClassLoader> owners) {
        this.apachePluginOwners = owners;
    }

    /** Whether {@code className} is in a package of connect-runtime that this library answers for. */
    static boolean serves(String className) {
        for (String prefix : PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the library's class loader exists yet (it does once a plugin asked for one of its classes). */
    boolean opened() {
        return loader != null;
    }

    /**
     * The library's class of that name, creating the library's loader if this is the first request.
     *
     * @throws ClassNotFoundException if the library does not have it, or (see {@link #isMissingLibrary}) saying what
     *                                to install when the library itself is missing
     */
    Class<?> loadClass(String className) throws ClassNotFoundException {
        return loader(className).loadClass(className);
    }

    private LibraryLoader loader(String requested) throws ClassNotFoundException {
        LibraryLoader current = loader;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (loader == null) {
                if (closed) {
                    throw new ClassNotFoundException(requested + " (the worker's plugins are closed)");
                }
                List<URL> jars;
                try {
                    jars = jars(requested);
                } catch (ClassNotFoundException missing) {
                    if (!warned) {
                        // the plugin's own error may reach the operator without this cause; the log always does
                        warned = true;
                        log.warn("{}", missing.getMessage());
                    }
                    throw missing;
                }
                loader = new LibraryLoader(jars, workerLoader, this);
                log.info("A plugin asked for {}, a class of Apache's connect-runtime: serving connect-runtime's classes "
                        + "to plugins from {}", requested, dir);
            }
            return loader;
        }
    }

    private List<URL> jars(String requested) throws ClassNotFoundException {
        if (dir == null) {
            throw missingLibrary(requested, "Ferry's installation directory is not known (neither "
                    + "the ferry.home system property nor FERRY_HOME is set). Start the worker with Ferry's launcher, or "
                    + "set -D" + DIR_PROPERTY + " to a directory holding Apache's connect-runtime-<version>.jar "
                    + "(with maven-artifact and plexus-utils)");
        }
        List<URL> urls = new ArrayList<>();
        boolean hasRuntime = false;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> listing = Files.list(dir)) {
                for (Path jar : listing.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    hasRuntime |= jar.getFileName().toString().startsWith("connect-runtime-");
                    urls.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw missingLibrary(requested, "a jar in " + dir + " cannot be read: " + e);
            } catch (IOException e) {
                throw missingLibrary(requested, dir + " cannot be listed: " + e);
            }
        }
        if (!hasRuntime) {
            throw missingLibrary(requested, dir + (Files.isDirectory(dir) ? " holds no connect-runtime-<version>.jar"
                    : " does not exist") + ". Restore that directory from Ferry's distribution, or put Apache's "
                    + "connect-runtime jar of the Kafka version the plugin was built for (with maven-artifact and "
                    + "plexus-utils) there and restart the worker");
        }
        return urls;
    }

    /** Closes the library's loader, if it was created; its classes not loaded yet cannot be loaded afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                log.warn("Could not close the class loader of {}: {}", dir, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "ApacheRuntimeLibrary{" + dir + (opened() ? ", opened" : "") + "}";
    }

    /**
     * The exception for a plugin's request of a class of Apache's connect-runtime when the library that provides those
     * is not installed: the class name first, then what to install. The JDK's own type, not a subclass: when the same
     * class reference fails again, the JVM re-creates the cause from its type name through the boot loader, which
     * finds only the JDK's types; the message survives that.
     */
    private static ClassNotFoundException missingLibrary(String className, String problem) {
        return new ClassNotFoundException(className + MISSING_LIBRARY + problem);
    }

    /** Whether {@code e} is this library's report of itself missing (it says what to install). */
    static boolean isMissingLibrary(ClassNotFoundException e) {
        String message = e.getMessage();
        return message != null && message.contains(MISSING_LIBRARY);
    }

    private static final String MISSING_LIBRARY = " is a class of Apache Kafka's connect-runtime, which Apache keeps on "
            + "its worker's class path and Ferry gives to plugins from its compatibility library; ";

    /** The loader over the library's jars: Ferry's class path first, then the jars, then Apache's bundled plugins. */
    private static final class LibraryLoader extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final ApacheRuntimeLibrary library;

        LibraryLoader(List<URL> jars, ClassLoader parent, ApacheRuntimeLibrary library) {
            super("apache-connect-runtime", jars.toArray(new URL[0]), parent);
            this.library = library;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                return super.findClass(name);
            } catch (ClassNotFoundException notInLibrary) {
                ClassLoader owner = IsolationRule.isApachePlugin(name) ? library.apachePluginOwners.apply(name) : null;
                if (owner == null) {
                    throw notInLibrary;
                }
                return owner instanceof PluginClassLoader plugin ? plugin.loadFromPlugin(name) : owner.loadClass(name);
            }
        }

        @Override
        public String toString() {
            return "ApacheRuntimeLibrary.LibraryLoader{" + library.dir + "}";
        }
    }
}

package dev.ferry.rest.extensions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where Jersey comes from, loaded only when an extension is configured.
 *
 * <p>Jersey and HK2 (about 4 MB of jars) are not on the worker's class path: every jar there is
 * opened at each start, and a worker without extensions must not pay for them. A distribution
 * keeps them in {@value #JERSEY_DIR} under {@code ferry.home}; this class opens them in a class
 * loader whose parent is the worker's (so JAX-RS's API, Jackson, Javalin and Connect's API are
 * the worker's), installs Jersey's {@link RuntimeDelegate} (what {@code Response.status(...)} and
 * friends need) as soon as extensions load, and defines the bridge package
 * ({@code dev.ferry.rest.extensions.jersey}) in that loader when a resource is registered. When
 * Jersey is on the class path already (tests, embedding), it is used from there.
 */
final class JerseyRuntime {
    /** Jersey's jars, relative to {@code ferry.home}. */
    static final String JERSEY_DIR = "lib-ext/jersey";
    private static final String BRIDGE_PACKAGE = "dev.ferry.rest.extensions.jersey.";
    private static final String PROBE = "org/glassfish/jersey/server/ApplicationHandler.class";
    private static final String RUNTIME_DELEGATE = "org.glassfish.jersey.internal.RuntimeDelegateImpl";

    private static ClassLoader loader;
    private static boolean delegateInstalled;

    private JerseyRuntime() {
    }

    /** Makes Jersey's RuntimeDelegate JAX-RS's, unless JAX-RS finds one on the class path by itself. */
    static synchronized void installRuntimeDelegate() {
        if (delegateInstalled) {
            return;
        }
        ClassLoader jersey = loader();
        if (jersey != JerseyRuntime.class.getClassLoader()) {
            RuntimeDelegate.setInstance((RuntimeDelegate) create(jersey, RUNTIME_DELEGATE));
        }
        delegateInstalled = true;
    }

    /** Jersey serving the resources among {@code components}. */
    static ResourceServer resourceServer(List<RegisteredComponent> components, Map<String, Object> properties,
                                         ObjectMapper mapper, Duration timeout, ClassLoader contextLoader) {
        ClassLoader jersey = loader();
        // Jersey finds its injection manager (jersey-hk2) and other services through the context loader
        try (LoaderSwap ignored = Plugins.swapLoader(jersey)) {
            Class<?> bridge = Class.forName(BRIDGE_PACKAGE + "JerseyResourceServer", true, jersey);
            return (ResourceServer) bridge.getMethod("create", List.class, Map.class, ObjectMapper.class,
                    Duration.class, ClassLoader.class).invoke(null, components, properties, mapper, timeout,
                    contextLoader);
        } catch (InvocationTargetException e) {
            throw new ConnectException("Jersey could not serve the resources the REST extensions registered: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException("Jersey, which serves REST extensions' resources, cannot be loaded: " + e
                    + ". Check that " + JERSEY_DIR + " of the Ferry installation holds Jersey's jars.", e);
        }
    }

    private static synchronized ClassLoader loader() {
        if (loader != null) {
            return loader;
        }
        ClassLoader worker = JerseyRuntime.class.getClassLoader();
        if (worker.getResource(PROBE) != null) {
            loader = worker;
            return loader;
        }
        String home = System.getProperty("ferry.home");
        Path dir = home == null ? null : Path.of(home).resolve(JERSEY_DIR);
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ConnectException("REST extensions need Jersey, which Ferry keeps in " + JERSEY_DIR + " of its "
                    + "installation, but " + (dir == null ? "the system property ferry.home is not set"
                    : dir + " does not exist") + ". Start the worker with Ferry's launcher, or remove "
                    + "rest.extension.classes.");
        }
        try (Stream<Path> files = Files.list(dir)) {
            URL[] jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                    .map(JerseyRuntime::url).toArray(URL[]::new);
            loader = new BridgeLoader(jars, worker);
            return loader;
        } catch (IOException e) {
            throw new ConnectException("Cannot list Jersey's jars in " + dir + ": " + e, e);
        }
    }

    private static Object create(ClassLoader loader, String className) {
        try {
            return Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException("Cannot create " + className + " from Jersey's jars: " + e + ". Check that "
                    + JERSEY_DIR + " of the Ferry installation holds Jersey's jars.", e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }

    /**
     * Jersey's jars behind the worker's loader, plus the bridge package defined here from the
     * worker's copy of its class files, so that the bridge links Jersey.
     */
    private static final class BridgeLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        BridgeLoader(URL[] jars, ClassLoader worker) {
            super("ferry-jersey", jars, worker);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(BRIDGE_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length, JerseyRuntime.class.getProtectionDomain());
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}

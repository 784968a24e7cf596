package dev.ferry.rest.extensions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rest.extension.classes} of a worker: Connect REST extension plugins, loaded and run
 * as Apache's worker runs them, and what they registered, installed around Ferry's REST routes.
 *
 * <h2>Life cycle</h2>
 * {@link #load} creates each named {@code ConnectRestExtension} from its plugin (the plugin's
 * loader as context loader), calls {@code configure} with the worker config's original values,
 * then {@code register} with a context whose {@code configurable()} collects JAX-RS components
 * ({@link ExtensionConfigurable}) and whose {@code clusterState()} reads the herder
 * ({@link HerderClusterState}). {@link #install} puts the collected filters around Ferry's routes
 * ({@link ExtensionFilters}) and, only when a resource was registered, builds Jersey to serve
 * the resources (Jersey, through {@link JerseyRuntime}). {@link #close} closes every extension when the REST
 * server stops.
 *
 * <h2>Cost</h2>
 * Nothing in this package is touched, and no JAX-RS or Jersey class is loaded, unless
 * {@code rest.extension.classes} names at least one extension: the REST server only refers to
 * this class behind that check.
 *
 * <p>Thread contract: load, install and close are called by the REST server's owner thread;
 * the installed handlers run on request threads.
 */
public final class RestExtensions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RestExtensions.class);

    private final List<ConnectRestExtension> extensions;
    private final ExtensionConfigurable configurable;
    private final Duration requestTimeout;
    private ResourceServer resources;
    private ExtensionFilters filters;

    private RestExtensions(List<ConnectRestExtension> extensions, ExtensionConfigurable configurable,
                           Duration requestTimeout) {
        this.extensions = extensions;
        this.configurable = configurable;
        this.requestTimeout = requestTimeout;

    }

    /**
     * Creates, configures and registers the extensions named in {@code classNames}.
     *
     * @param workerConfig   the worker config's original values, given to each {@code configure}
     * @param requestTimeout how long {@code clusterState()} waits for the herder
     * @throws ConnectException naming the extension when one cannot be found, created, configured or registered
     */
    public static RestExtensions load(List<String> classNames, Plugins plugins, Map<String, ?> workerConfig,
                                      Herder herder, Duration requestTimeout) {
        JerseyRuntime.installRuntimeDelegate();
        ExtensionConfigurable configurable = new ExtensionConfigurable();
        ExtensionContext context = new ExtensionContext(configurable, new HerderClusterState(herder, requestTimeout));
        List<ConnectRestExtension> loaded = new ArrayList<>();
        RestExtensions extensions = new RestExtensions(loaded, configurable, requestTimeout);
        try {
            for (String className : classNames) {
                loaded.add(create(className, plugins, workerConfig));
            }
            for (ConnectRestExtension extension : loaded) {
                try (LoaderSwap ignored = Plugins.swapLoaderOf(extension)) {
                    extension.register(context);
                } catch (RuntimeException | LinkageError e) {
                    throw new ConnectException("REST extension " + extension.getClass().getName() + " failed to "
                            + "register: " + Sentences.end(e) + " Check the extension's documentation and its settings in the "
                            + "worker config, or remove it from rest.extension.classes.", e);
                }
            }
        } catch (RuntimeException e) {
            extensions.close();
            throw e;
        }
        log.info("REST extensions {} registered {} component(s)", classNames, configurable.components().size());
        return extensions;
    }

    private static ConnectRestExtension create(String className, Plugins plugins, Map<String, ?> workerConfig) {
        Class<?> type = plugins.pluginClass(className, PluginType.REST_EXTENSION, null);
        ConnectRestExtension extension = (ConnectRestExtension) plugins.newInstance(type);
        try (LoaderSwap ignored = Plugins.swapLoaderOf(extension)) {
            String version = extension.version();
            if (version == null || version.isBlank()) {
                throw new ConnectException("REST extension " + className + " defines no version; its version() "
                        + "must return one, as Connect requires of every plugin.");
            }
            extension.configure(workerConfig);
        } catch (ConnectException e) {
            closeQuietly(extension);
            throw e;
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(extension);
            throw new ConnectException("REST extension " + className + " failed to configure itself: " + Sentences.end(e)
                    + " Check its settings in the worker config (and any system property it reads, such as "
                    + "java.security.auth.login.config), or remove it from rest.extension.classes.", e);
        }
        return extension;
    }

    /**
     * Installs the registered filters around every route of {@code routes} (on requests
     * {@code applies} accepts) and builds the resources' server when there are resources. The
     * server's own first {@code before} handler must call {@link #beforeRouting}, and
     * {@link #respondedEarly} when it answers a request itself.
     */
    public void install(RoutesConfig routes, Predicate<Context> applies, ObjectMapper mapper) {
        List<RegisteredComponent> components = configurable.components();
        ExtensionFilters installed = ExtensionFilters.of(components, applies, mapper);
        if (!installed.isEmpty()) {
            filters = installed;
            routes.beforeMatched(installed::afterMatching);
            routes.after(installed::afterResponse);
        }
        if (components.stream().anyMatch(RegisteredComponent::isResource)) {
            resources = JerseyRuntime.resourceServer(components, configurable.properties(), mapper, requestTimeout,
                    contextLoader(components));
        }
    }

    /** The loader Jersey runs the extensions' code with: the worker's and every extension plugin's classes. */
    private ClassLoader contextLoader(List<RegisteredComponent> components) {
        List<Class<?>> classes = new ArrayList<>();
        extensions.forEach(extension -> classes.add(extension.getClass()));
        components.forEach(component -> classes.add(component.type()));
        return ExtensionClassLoader.over(classes);
    }

    /**
     * Runs the filters due before routing; false when one of them answered the request (the
     * caller must then return at once: the remaining handlers are skipped).
     */
    public boolean beforeRouting(Context ctx) {
        return filters == null || filters.beforeRouting(ctx);
    }

    /** Runs the response filters on an answer the server made in a {@code before} handler. */
    public void respondedEarly(Context ctx) {
        if (filters != null) {
            filters.respondedEarly(ctx);
        }
    }

    /**
     * Answers a request no Ferry route matched with an extension's resource; false when there is
     * none for it. A failure of Jersey itself answers 500 with Connect's error JSON.
     */
    public boolean serveResource(Context ctx) {
        if (resources == null) {
            return false;
        }
        try {
            return resources.serve(ctx);
        } catch (Exception e) {
            log.error("A REST extension's resource failed on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("application/json").result("{\"error_code\":500,\"message\":"
                    + quoted(String.valueOf(e.getMessage())) + "}");
            return true;
        }
    }

    private static String quoted(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (java.io.IOException e) {
            return "null";
        }
    }

    /** Closes every extension, logging (not throwing) what they throw, as Apache does. */
    @Override
    public void close() {
        for (ConnectRestExtension extension : extensions) {
            closeQuietly(extension);
        }
    }

    private static void closeQuietly(ConnectRestExtension extension) {
        try (LoaderSwap ignored = Plugins.swapLoaderOf(extension)) {
            extension.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Error while closing REST extension {}", extension.getClass().getName(), e);
        }
    }
}

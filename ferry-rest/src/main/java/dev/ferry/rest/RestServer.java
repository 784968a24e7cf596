package dev.ferry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.rest.extensions.RestExtensions;
import dev.ferry.rest.metrics.MetricsResource;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.Plugins;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.EndpointNotFound;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP server: Apache Connect's REST API over a {@link Herder}.
 *
 * <p>One Jetty server (through Javalin) holds a connector per listener. When
 * {@code admin.listeners} names listeners of their own, those connectors are tagged as admin
 * connectors: {@code /admin/*} is served only there and everything else only on the main ones,
 * as Apache's two contexts do ({@link ListenerConnectors}). CORS, when configured, is Jetty's
 * handler in front of the API, like Apache's ({@link CrossOrigin}).
 *
 * <p>Every response is JSON, except the web console's files under {@code /ui/}
 * ({@code dev.ferry.rest.console.ConsoleResource}, loaded on the first request for them); every
 * failure is rendered by {@link ErrorMapper}. Requests that need
 * the herder wait for it on the request thread, at most {@link RestSettings#requestTimeout()}.
 * Writes that only the leader of a distributed cluster may make are forwarded to it by
 * {@link LeaderForwarding}, so clients can send every request to any worker.
 *
 * <p>REST extensions ({@code rest.extension.classes}, {@link #withExtensions}) are loaded when the
 * server starts; their JAX-RS filters run around every route of the main listeners and their
 * resources are served where no route of Ferry's matches ({@link RestExtensions}). Without
 * extensions nothing of theirs is loaded.
 *
 * <p>Thread contract: {@link #start()} and {@link #stop()} are called by the owner (the CLI or a
 * test), once each; {@link #advertisedUrl()} may be called from any thread after start.
 */
public final class RestServer {
    private static final Logger log = LoggerFactory.getLogger(RestServer.class);
    private static final String MAIN_CONNECTOR = "main";
    private static final String ADMIN_CONNECTOR = "admin";
    private static final String ADMIN_PATH = "/admin";
    /** The web console's path; {@code dev.ferry.rest.console.ConsoleResource} serves it. */
    private static final String CONSOLE_PATH = "/ui";

    private final RestSettings settings;
    private final Herder herder;
    private final List<ServerConnector> mainConnectors = new ArrayList<>();
    private final List<ServerConnector> adminConnectors = new ArrayList<>();
    private Javalin app;
    private RequestForwarder forwarder;
    private volatile URI advertisedUrl;

    private final LogLevels logLevels;
    private ConnectMetrics metrics;
    private List<String> extensionClasses = List.of();
    private Plugins plugins;
    private Map<String, ?> workerConfig = Map.of();
    private RestExtensions extensions;
    private WorkersResource workersResource;
    private java.util.function.Supplier<dev.ferry.runtime.errors.DeadLetterQueueClients> deadLetterQueues;
    private ConnectorMetricsResource connectorMetrics;
    private AccessControl accessControl;
    private javax.net.ssl.SSLContext interWorkerTls;

    /** A server over {@code herder}; {@code /admin/loggers} manages the logback context SLF4J is bound to. */
    public RestServer(RestSettings settings, Herder herder) {
        this(settings, herder, null);
    }

    /** A server whose {@code /admin/loggers} manages {@code logLevels} (null: the SLF4J-bound context). */
    RestServer(RestSettings settings, Herder herder, LogLevels logLevels) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.herder = Objects.requireNonNull(herder, "herder");
        this.logLevels = logLevels;
    }

    /**
     * Serves {@code GET /metrics} (Prometheus text and OpenMetrics) from {@code metrics}; call
     * before {@link #start()}. Without it, {@code /metrics} is not served.
     */
    public synchronized RestServer withMetrics(ConnectMetrics metrics) {
        if (app != null) {
            throw new IllegalStateException("Set the metrics before starting the REST server");
        }
        this.metrics = metrics;
        return this;
    }

    /**
     * Runs the REST extensions named in {@code classNames} ({@code rest.extension.classes}), found
     * in {@code plugins} and configured with {@code workerConfig} (the worker config's original
     * values); call before {@link #start()}. An empty list changes nothing and loads nothing.
     */
    public synchronized RestServer withExtensions(List<String> classNames, Plugins plugins, Map<String, ?> workerConfig) {
        if (app != null) {
            throw new IllegalStateException("Set the REST extensions before starting the REST server");
        }
        this.extensionClasses = classNames == null ? List.of() : List.copyOf(classNames);
        this.plugins = plugins;
        this.workerConfig = workerConfig == null ? Map.of() : workerConfig;
        return this;
    }

    /**
     * Serves Ferry's dead letter queue endpoints ({@code /connectors/{c}/dlq}) with the clients
     * {@code clients} builds, called on the first such request; call before {@link #start()}.
     * Without it, those paths are not served.
     */
    public synchronized RestServer withDeadLetterQueues(
            java.util.function.Supplier<dev.ferry.runtime.errors.DeadLetterQueueClients> clients) {
        if (app != null) {
            throw new IllegalStateException("Set the dead letter queue clients before starting the REST server");
        }
        this.deadLetterQueues = clients;
        return this;
    }

    /**
     * Binds every listener and starts serving.
     *
     * @throws ConnectException when a listener cannot be bound, naming the listener
     */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("The REST server was already started; create a new RestServer instead");
        }
        // First: invalid credentials fail the start before anything needs closing.
        accessControl = AccessControl.of(settings.authentication());
        // Calls to other workers present this worker's certificate and trust what its listeners trust.
        interWorkerTls = settings.tls().hasKeystore()
                && settings.listeners().stream().anyMatch(l -> l.protocol().equals("https"))
                ? settings.tls().clientContext() : null;
        ObjectMapper mapper = new ObjectMapper();
        JsonResponses json = new JsonResponses(mapper);
        RequestBodies bodies = new RequestBodies(mapper);
        HerderCalls calls = new HerderCalls(settings.requestTimeout());
        forwarder = new RequestForwarder();
        LeaderForwarding forwarding = new LeaderForwarding(calls, forwarder);
        if (!extensionClasses.isEmpty()) {
            try {
                extensions = RestExtensions.load(extensionClasses, plugins, workerConfig, herder, settings.requestTimeout());
            } catch (RuntimeException e) {
                forwarder.close();
                forwarder = null;
                throw e;
            }
        }
        app = Javalin.create(config -> configure(config, json, bodies, calls, forwarding, mapper));
        try {
            app.start();
        } catch (RuntimeException e) {
            app = null;
            forwarder.close();
            forwarder = null;
            closeWorkersResource();
            closeExtensions();
            throw new ConnectException("Unable to start the REST server on " + settings.listeners()
                    + (settings.adminOnSeparateListeners() ? " and admin listeners " + settings.adminListeners() : "")
                    + ": " + Sentences.end(e.getMessage()) + " Check that the ports are free or change 'listeners'.", e);
        }
        advertisedUrl = ListenerConnectors.advertisedUrl(settings, mainConnectors);
        if (interWorkerTls != null) {
            dev.ferry.runtime.cluster.requests.InterWorkerTls.use(interWorkerTls);
        }
        log.info("REST server listening on {}, advertising URL {}", ListenerConnectors.urls(mainConnectors), advertisedUrl);
        if (settings.adminOnSeparateListeners()) {
            log.info("REST admin endpoints listening on {}", ListenerConnectors.urls(adminConnectors));
        }
    }

    /** Stops serving; requests in flight are cut off. Safe to call more than once. */
    public synchronized void stop() {
        if (app != null) {
            log.info("Stopping REST server");
            if (interWorkerTls != null && dev.ferry.runtime.cluster.requests.InterWorkerTls.current() == interWorkerTls) {
                dev.ferry.runtime.cluster.requests.InterWorkerTls.use(null);
            }
            app.stop();
            app = null;
            forwarder.close();
            forwarder = null;
            closeWorkersResource();
            closeExtensions();
            if (connectorMetrics != null) {
                connectorMetrics.close();
                connectorMetrics = null;
            }
            log.info("REST server stopped");
        }
    }

    private void closeWorkersResource() {
        if (workersResource != null) {
            workersResource.close();
            workersResource = null;
        }
    }

    private void closeExtensions() {
        if (extensions != null) {
            extensions.close();
            extensions = null;
        }
    }

    /**
     * The URL other workers and clients should use: {@code rest.advertised.*} where set, otherwise
     * the listener's host (or this machine's address when it listens on all interfaces) and its
     * actual port. Ends with {@code /}.
     */
    public synchronized URI advertisedUrl() {
        if (advertisedUrl == null) {
            throw new IllegalStateException("The REST server is not started; call start() first");
        }
        return advertisedUrl;
    }

    /** Where {@code /admin/*} is served: the advertised URL, a separate admin listener, or null when disabled. */
    public synchronized URI adminUrl() {
        if (!settings.adminEnabled()) {
            return null;
        }
        if (!settings.adminOnSeparateListeners()) {
            return advertisedUrl();
        }
        ServerConnector admin = adminConnectors.get(0);
        return ListenerConnectors.url(admin);
    }

    private void configure(JavalinConfig config, JsonResponses json, RequestBodies bodies, HerderCalls calls,
                           LeaderForwarding forwarding, ObjectMapper mapper) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.http.prefer405over404 = true;
        config.http.defaultContentType = JsonResponses.JSON;
        config.http.maxRequestSize = settings.limits().maxBodyBytes();
        config.jetty.modifyServer(server -> CrossOrigin.install(server, settings));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(settings.limits())));
        for (RestSettings.Listener listener : settings.listeners()) {
            config.jetty.addConnector((server, http) -> ListenerConnectors.add(server, http, listener, MAIN_CONNECTOR, mainConnectors,
                    settings.tls(), TlsSettings.LISTENERS_PREFIX, settings.limits()));
        }
        if (settings.adminOnSeparateListeners()) {
            for (RestSettings.Listener listener : settings.adminListeners()) {
                config.jetty.addConnector((server, http) ->
                        ListenerConnectors.add(server, http, listener, ADMIN_CONNECTOR, adminConnectors, settings.adminTls(),
                                TlsSettings.ADMIN_LISTENERS_PREFIX, settings.limits()));
            }
        }
        config.requestLogger.http(RequestLog::log);

        var routes = config.routes;
        routes.before(this::beforeEveryRequest);
        if (extensions != null) {
            // Apache registers extensions with the main listeners' resources only.
            // The console's files are public (no data), so a browser can load the page and then sign in to the API.
            extensions.install(routes, ctx -> !isConsolePath(ctx.path())
                    && (!settings.adminOnSeparateListeners() || !arrivedOnAdminListener(ctx)), mapper);
        }
        new RootResource(herder, json, settings.healthCheckTimeout()).register(routes);
        new ConnectorsResource(herder, calls, bodies, json, settings, forwarding).register(routes);
        new InternalResource(herder, calls, bodies, forwarding).register(routes);
        new ConnectorPluginsResource(herder, calls, bodies, json).register(routes);
        workersResource = new WorkersResource(herder, calls, json, forwarding, this::advertisedUrl, mapper);
        workersResource.register(routes);
        new WorkerPluginsResource(herder, json).register(routes);
        if (metrics != null) {
            new MetricsResource(metrics).register(routes);
            // Ferry's recent series for the console's charts; nothing is sampled until the first request.
            connectorMetrics = new ConnectorMetricsResource(herder, metrics, json, mapper, forwarder, () -> advertisedUrl);
            connectorMetrics.register(routes);
        }
        if (deadLetterQueues != null) {
            new DeadLetterQueueResource(herder, calls, json, mapper, deadLetterQueues).register(routes);
        }
        // The web console. The handlers name ConsoleResource only in their bodies, so its class and files are
        // loaded by the first request for /ui, never by a worker's start.
        routes.get(CONSOLE_PATH, ctx -> dev.ferry.rest.console.ConsoleResource.serve(ctx, ctx.path()));
        routes.get(CONSOLE_PATH + "/<file>", ctx -> dev.ferry.rest.console.ConsoleResource.serve(ctx, ctx.path()));
        if (settings.adminEnabled()) {
            LogLevels levels = logLevels != null ? logLevels : LogLevels.forCurrentContextOrNull();
            if (levels != null) {
                new LoggersResource(levels, herder, calls, bodies, json).register(routes);
            }
        }
        // Javalin answers its own HttpResponseExceptions (unknown route, wrong method) unless a
        // handler is registered for their exact type, so those are listed next to Exception.
        for (Class<? extends Exception> type : List.of(Exception.class, HttpResponseException.class,
                NotFoundResponse.class, EndpointNotFound.class, MethodNotAllowedResponse.class)) {
            routes.exception(type, (error, ctx) -> {
                if (extensions != null && (error instanceof EndpointNotFound || error instanceof MethodNotAllowedResponse)
                        && extensions.serveResource(ctx)) {
                    return;
                }
                ErrorJson body = ErrorMapper.toError(error, ctx.method().name(), ctx.path());
                json.send(ctx, body.errorCode(), body);
            });
        }
        // Errors thrown on the request thread (a plugin's NoClassDefFoundError) reach none of the handlers above;
        // Javalin's default answers them with an empty 500.
        config.router.javaLangErrorHandler((response, error) -> ErrorMapper.send(response, error, mapper));
    }

    private void beforeEveryRequest(Context ctx) throws Exception {
        ResponseHeaders.apply(settings.responseHeaders(), ctx.res());
        if (settings.adminOnSeparateListeners()) {
            boolean adminPath = ctx.path().equals(ADMIN_PATH) || ctx.path().startsWith(ADMIN_PATH + "/");
            if (adminPath != arrivedOnAdminListener(ctx)) {
                throw RestException.routeNotFound();
            }
        }
        if (accessControl != null) {
            accessControl.check(ctx, isConsolePath(ctx.path()));
        }
        if (extensions != null && !extensions.beforeRouting(ctx)) {
            return;
        }
        if (ctx.method() != HandlerType.OPTIONS) {
            settings.limits().readBody(ctx);
        }
        if (ctx.method() == HandlerType.OPTIONS) {
            // JAX-RS answers OPTIONS on every resource with the methods it takes; CORS preflights are
            // answered by Jetty before this.
            answerOptions(ctx);
            ctx.skipRemainingHandlers();
            if (extensions != null) {
                extensions.respondedEarly(ctx);
            }
        }
    }

    /**
     * Jersey's answer to OPTIONS: 200, the path's methods (with HEAD for GET, and OPTIONS) in
     * {@code Allow} and as a {@code text/plain} body, in the order of the JDK's HashSet, as Jersey
     * collects them; 404 for a path no route takes (differential REST suite).
     */
    private void answerOptions(Context ctx) {
        java.util.Set<String> allowed = new java.util.HashSet<>();
        for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE)) {
            if (!app.unsafe.internalRouter.findHttpHandlerEntries(type, ctx.path()).isEmpty()) {
                allowed.add(type.name());
                if (type == HandlerType.GET) {
                    allowed.add(HandlerType.HEAD.name());
                }
            }
        }
        if (allowed.isEmpty()) {
            throw RestException.routeNotFound();
        }
        allowed.add(HandlerType.OPTIONS.name());
        ctx.status(200);
        ctx.header("Allow", String.join(",", allowed));
        ctx.result(String.join(", ", allowed));
        // Jersey names no charset; Jetty would add one to a text type set through setContentType.
        ctx.res().setCharacterEncoding(null);
        ctx.res().setHeader("Content-Type", "text/plain");
    }

    private static boolean isConsolePath(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }

    private static boolean arrivedOnAdminListener(Context ctx) {
        Connector connector = ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData().getConnector();
        return ADMIN_CONNECTOR.equals(connector.getName());
    }


}

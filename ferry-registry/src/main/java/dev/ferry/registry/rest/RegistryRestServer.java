package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.registry.Sentences;
import dev.ferry.registry.cluster.Leadership;
import dev.ferry.registry.core.ErrorCode;
import dev.ferry.registry.core.RegistryException;
import dev.ferry.registry.core.SchemaRegistry;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.EndpointNotFound;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The registry's HTTP server: Confluent's REST API (one resource class per path family) on Javalin, one Jetty
 * connector per listener. Request bodies over {@code size.limit.filter.max.request.body.size} are refused with
 * 42209 before they are read; requests wait until {@link #ready()} (the schemas topic is read); every failure is rendered by {@link RestErrors}; writes that reach a follower are
 * forwarded to the leader by {@link LeaderForwarding}.
 *
 * <p>Thread contract: {@link #start} and {@link #stop} are called once each by the owner.
 */
public final class RegistryRestServer {
    /** Settings of the HTTP side. */
    public record Settings(List<URI> listeners, long maxRequestBodyBytes, Duration forwardTimeout,
                           Supplier<String> kafkaClusterId, String groupId, Duration readyTimeout) {
    }

    private final Settings settings;
    private final SchemaRegistry registry;
    private final Leadership leadership;
    private final List<ServerConnector> connectors = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private Javalin app;

    public RegistryRestServer(Settings settings, SchemaRegistry registry, Leadership leadership) {
        this.settings = settings;
        this.registry = registry;
        this.leadership = leadership;
    }

    /** Binds every listener and serves. @throws IllegalStateException naming the listener that could not bind */
    public synchronized void start() {
        ObjectMapper mapper = new ObjectMapper();
        RestJson json = new RestJson(mapper);
        RestResponses out = new RestResponses(mapper);
        WriteHandlers writes = new WriteHandlers(new LeaderForwarding(leadership, settings.forwardTimeout(), registry::awaitStoreEnd));
        app = Javalin.create(config -> configure(config, json, out, writes));
        try {
            app.start();
        } catch (RuntimeException e) {
            app = null;
            throw new IllegalStateException("Cannot serve the schema registry on " + settings.listeners() + ": "
                    + Sentences.end(e.getMessage()) + " Check that the port is free or change 'listeners'.", e);
        }
    }

    private void configure(JavalinConfig config, RestJson json, RestResponses out, WriteHandlers writes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.http.prefer405over404 = true;
        config.http.defaultContentType = RestResponses.V1;
        config.http.maxRequestSize = settings.maxRequestBodyBytes();
        // Javalin's gzip decides per response whether the content type may be compressed: with only its default
        // exclusion list it scans that list case-insensitively on every response (~10% of the CPU of
        // GET /schemas/ids/{id}). The API's three content types are named as allowed, which is an exact match.
        CompressionStrategy compression = new CompressionStrategy(null, new Gzip());
        compression.setAllowedMimeTypes(List.of(RestResponses.V1, RestResponses.ANY_VERSION, RestResponses.JSON));
        config.http.compressionStrategy = compression;
        for (URI listener : settings.listeners()) {
            config.jetty.addConnector((server, http) -> {
                http.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                String host = listener.getHost();
                connector.setHost(host == null || host.equals("0.0.0.0") ? null : host);
                connector.setPort(listener.getPort());
                connectors.add(connector);
                return connector;
            });
        }
        var routes = config.routes;
        routes.before(ctx -> {
            awaitReady();
            refuseOversizedBody(ctx);
        });
        // Javalin tries routes in the order they were added: the hottest read, GET /schemas/ids/{id}, goes first.
        new SchemasResource(registry, json, out, new RenderedAnswers(registry::stateVersion)).register(routes);
        new RootResource(registry, json, out, settings.kafkaClusterId(), settings.groupId(),
                writes).register(routes);
        new SubjectsResource(registry, json, out, writes).register(routes);
        new ConfigResource(registry, json, out, writes).register(routes);
        new ModeResource(registry, json, out, writes).register(routes);
        new CompatibilityResource(registry, json, out).register(routes);
        // Javalin answers its own HttpResponseExceptions unless a handler names their exact type.
        for (Class<? extends Exception> type : List.of(Exception.class, HttpResponseException.class,
                NotFoundResponse.class, EndpointNotFound.class, MethodNotAllowedResponse.class)) {
            routes.exception(type, (error, ctx) -> {
                RestErrors.ErrorBody body = RestErrors.of(error, ctx.method().name(), ctx.path());
                out.send(ctx, body.status(), json.object().put("error_code", body.errorCode())
                        .put("message", body.message()));
            });
        }
    }

    /**
     * Opens the API: until this is called (once the schemas topic is read), requests wait, so the server can bind
     * its port while the topic is still being read without ever answering from a partial state.
     */
    public void ready() {
        ready.countDown();
    }

    private void awaitReady() throws InterruptedException {
        if (ready.getCount() > 0 && !ready.await(settings.readyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new RegistryException(ErrorCode.OPERATION_TIMEOUT, "The registry is still "
                    + "reading the schemas topic; retry shortly.");
        }
    }

    private void refuseOversizedBody(Context ctx) {
        long length = ctx.contentLength();
        if (length > settings.maxRequestBodyBytes()) {
            throw new RegistryException(ErrorCode.SCHEMA_TOO_LARGE, "The request body has "
                    + length + " bytes, more than the " + settings.maxRequestBodyBytes() + " this registry accepts "
                    + "(size.limit.filter.max.request.body.size). Send a smaller schema or raise the limit.");
        }
    }

    /** The port of the first listener (the actual one when the listener asked for port 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("The registry's HTTP server is not started");
        }
        return connectors.get(0).getLocalPort();
    }

    /** Stops serving; requests in flight are cut off. Safe to call more than once. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}

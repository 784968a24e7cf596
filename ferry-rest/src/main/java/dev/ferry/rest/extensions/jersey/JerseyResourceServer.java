package dev.ferry.rest.extensions.jersey;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.rest.extensions.FilteredRequests;
import dev.ferry.rest.extensions.RegisteredComponent;
import dev.ferry.rest.extensions.RequestSecurity;
import dev.ferry.rest.extensions.ResourceServer;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import io.javalin.http.Context;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * Serves the JAX-RS resources extensions register, with Jersey (the JAX-RS implementation
 * Apache's worker uses), built only when an extension registers a resource.
 *
 * <p>This package is the only code that links Jersey. Jersey's jars are not on the worker's class
 * path (they would be opened at every start); {@code JerseyRuntime} defines this package's
 * classes in a class loader over them, so only public types cross: {@link ResourceServer},
 * {@link RegisteredComponent}, {@link FilteredRequests}.
 *
 * <p>Ferry's own routes are tried first; a request none of them matches is handed to Jersey
 * ({@link #serve}), in memory: no servlet container, the answer buffered and written by Javalin.
 * Jersey gets the resources and every provider the extensions registered except
 * {@code @PreMatching} request filters, which Ferry already ran for the request
 * ({@link ExtensionFilters}); it runs the other filters, name-bound ones included, as JAX-RS
 * says. Exceptions answer Connect's {@code {"error_code","message"}} JSON, and JSON bodies are
 * read and written with Jackson, as on Apache. When Jersey matches no resource either, Ferry
 * answers its own 404/405.
 *
 * <p>Thread-safe: Jersey's handler serves concurrent requests.
 */
public final class JerseyResourceServer implements ResourceServer {
    private static final String MATCHED_PROPERTY = "ferry.extensions.matched";

    private final ApplicationHandler handler;
    private final Duration timeout;
    /**
     * The context loader Jersey runs the extensions' filters and resources with: it sees the
     * worker's classes and those of every extension's plugin (Jersey calls them itself, so the
     * loader cannot be each one's own, as on Ferry's routes).
     */
    private final ClassLoader contextLoader;

    private JerseyResourceServer(ApplicationHandler handler, Duration timeout, ClassLoader contextLoader) {
        this.handler = handler;
        this.timeout = timeout;
        this.contextLoader = contextLoader;
    }

    /** Jersey's handler for the resources and providers among {@code components}; called reflectively. */
    public static ResourceServer create(List<RegisteredComponent> components, Map<String, Object> properties,
                                        ObjectMapper mapper, Duration timeout, ClassLoader contextLoader) {
        ResourceConfig config = new ResourceConfig();
        config.addProperties(properties);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        for (RegisteredComponent component : components) {
            if (component.contracts().containsKey(ContainerRequestFilter.class)
                    && component.type().isAnnotationPresent(PreMatching.class)) {
                continue;
            }
            Object registered = component.instance() != null ? component.instance() : component.type();
            if (component.contracts().isEmpty()) {
                if (registered instanceof Class<?> type) {
                    config.register(type);
                } else {
                    config.register(registered);
                }
            } else if (registered instanceof Class<?> type) {
                config.register(type, component.contracts());
            } else {
                config.register(registered, component.contracts());
            }
        }
        config.register(new MatchMarker());
        config.register(new ConnectErrors());
        config.register(new JacksonBodies(mapper), Priorities.JSON);
        return new JerseyResourceServer(new ApplicationHandler(config), timeout, contextLoader);
    }

    /**
     * Lets Jersey answer the request; false when no extension resource matches it (the caller
     * answers its own 404/405 then).
     */
    @Override
    public boolean serve(Context ctx) throws Exception {
        URI requestUri = FilteredRequests.requestUri(ctx);
        jakarta.ws.rs.container.ContainerRequestContext filtered = FilteredRequests.of(ctx);
        SecurityContext security = filtered != null ? filtered.getSecurityContext()
                : RequestSecurity.of(ctx);
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        if (filtered != null) {
            filtered.getPropertyNames().forEach(name -> properties.setProperty(name, filtered.getProperty(name)));
        }
        ContainerRequest request = new ContainerRequest(requestUri.resolve("/"), requestUri, ctx.method().name(),
                security, properties, handler.getConfiguration());
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            request.headers(name, Collections.list(ctx.req().getHeaders(name)));
        }
        request.setEntityStream(new ByteArrayInputStream(ctx.bodyAsBytes()));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ContainerResponse response;
        try (LoaderSwap ignored = Plugins.swapLoader(contextLoader)) {
            response = handler.apply(request, body).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("A REST extension's resource did not answer " + ctx.method() + " "
                    + ctx.path() + " within " + timeout.toMillis() + " ms.", e);
        }
        if (properties.getProperty(MATCHED_PROPERTY) == null) {
            return false;
        }
        ctx.status(response.getStatus());
        response.getStringHeaders().forEach((name, values) -> {
            ctx.res().setHeader(name, null);
            values.forEach(value -> ctx.res().addHeader(name, value));
        });
        ctx.result(body.toByteArray());
        ctx.attribute(SERVED_ATTRIBUTE, Boolean.TRUE);
        return true;
    }

    /** Marks requests Jersey matched to a resource: it runs first among the post-matching filters. */
    @Priority(Integer.MIN_VALUE)
    static final class MatchMarker implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(MATCHED_PROPERTY, Boolean.TRUE);
        }
    }

    /**
     * Apache's ConnectExceptionMapper's answer: the status of a WebApplicationException, 404 for
     * Connect's NotFoundException, 409 for AlreadyExistsException, else 500; and the message.
     */
    static final class ConnectErrors implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception exception) {
            int status;
            if (exception instanceof WebApplicationException web && web.getResponse() != null) {
                status = web.getResponse().getStatus();
            } else if (exception instanceof org.apache.kafka.connect.errors.NotFoundException) {
                status = 404;
            } else if (exception instanceof org.apache.kafka.connect.errors.AlreadyExistsException) {
                status = 409;
            } else {
                status = 500;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", status);
            body.put("message", exception.getMessage());
            return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** Priorities of Ferry's own providers. */
    private static final class Priorities {
        /** Below any provider an extension registers (JAX-RS picks the lowest value first). */
        static final int JSON = jakarta.ws.rs.Priorities.USER + 1000;
    }

    /** JSON bodies with Jackson, as Apache's JacksonJsonProvider reads and writes them. */
    static final class JacksonBodies implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
        private final ObjectMapper mapper;

        JacksonBodies(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return isJson(mediaType);
        }

        @Override
        public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               jakarta.ws.rs.core.MultivaluedMap<String, String> httpHeaders, InputStream entityStream)
                throws IOException {
            return mapper.readValue(entityStream, mapper.constructType(genericType));
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return isJson(mediaType);
        }

        @Override
        public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations,
                            MediaType mediaType, jakarta.ws.rs.core.MultivaluedMap<String, Object> httpHeaders,
                            OutputStream entityStream) throws IOException {
            mapper.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .writeValue(entityStream, value);
        }

        private static boolean isJson(MediaType mediaType) {
            return mediaType != null && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json"));
        }
    }
}

package dev.ferry.rest.extensions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.plugins.LoaderSwap;
import io.javalin.http.Context;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs extensions' JAX-RS filters around Ferry's own routes, in JAX-RS's order.
 *
 * <h2>Phases</h2>
 * <ol>
 *   <li>{@link #beforeRouting}: {@code @PreMatching} request filters, for every request;</li>
 *   <li>{@link #afterMatching}: the other request filters, only when a Ferry route matched (a
 *       request Jersey would answer 404 or 405 without running them, as on Apache);</li>
 *   <li>{@link #afterResponse}: response filters, for every request that went through phase 1,
 *       aborted ones included.</li>
 * </ol>
 * Request filters run by ascending priority, response filters by descending priority (ties in
 * registration order). Name-bound filters apply only to resources bearing their binding, and
 * Ferry's routes bear none, so they never run here. A filter that calls {@code abortWith} ends the
 * request with its response; a {@link WebApplicationException} answers Connect's
 * {@code {"error_code","message"}} with its status, as Apache's exception mapper does. Each filter
 * runs with its own class loader (a plugin's) as the thread's context loader, so that what it
 * looks up by name (a JAAS login module, a service) comes from its plugin.
 *
 * <p>Requests that arrive on a separate admin listener are not filtered: Apache registers
 * extensions with the main listeners' resources only. Thread-safe: called on request threads.
 */
final class ExtensionFilters {
    private static final String REQUEST_ATTRIBUTE = "ferry.extensions.request";
    private static final String DONE_ATTRIBUTE = "ferry.extensions.responded";

    private final List<ContainerRequestFilter> preMatching;
    private final List<ContainerRequestFilter> postMatching;
    private final List<ContainerResponseFilter> responseFilters;
    private final Predicate<Context> applies;
    private final ObjectMapper mapper;

    private ExtensionFilters(List<ContainerRequestFilter> preMatching, List<ContainerRequestFilter> postMatching,
                             List<ContainerResponseFilter> responseFilters, Predicate<Context> applies,
                             ObjectMapper mapper) {
        this.preMatching = preMatching;
        this.postMatching = postMatching;
        this.responseFilters = responseFilters;
        this.applies = applies;
        this.mapper = mapper;
    }

    /** The filters among {@code components}, instantiated (classes) and sorted. */
    static ExtensionFilters of(List<RegisteredComponent> components, Predicate<Context> applies,
                               ObjectMapper mapper) {
        List<Ranked<ContainerRequestFilter>> pre = new ArrayList<>();
        List<Ranked<ContainerRequestFilter>> post = new ArrayList<>();
        List<Ranked<ContainerResponseFilter>> response = new ArrayList<>();
        Map<Class<?>, Object> instances = new LinkedHashMap<>();
        int order = 0;
        for (RegisteredComponent component : components) {
            if (component.isResource() || isNameBound(component.type())) {
                continue;
            }
            order++;
            if (component.contracts().containsKey(ContainerRequestFilter.class)) {
                ContainerRequestFilter filter = (ContainerRequestFilter) instance(component, instances);
                Ranked<ContainerRequestFilter> ranked =
                        new Ranked<>(filter, component.priority(ContainerRequestFilter.class), order);
                (component.type().isAnnotationPresent(PreMatching.class) ? pre : post).add(ranked);
            }
            if (component.contracts().containsKey(ContainerResponseFilter.class)) {
                ContainerResponseFilter filter = (ContainerResponseFilter) instance(component, instances);
                response.add(new Ranked<>(filter, component.priority(ContainerResponseFilter.class), order));
            }
        }
        return new ExtensionFilters(sorted(pre, false), sorted(post, false), sorted(response, true), applies, mapper);
    }

    boolean isEmpty() {
        return preMatching.isEmpty() && postMatching.isEmpty() && responseFilters.isEmpty();
    }

    /**
     * Phase 1, called by the server's first {@code before} handler; false when a filter answered
     * the request (its remaining handlers are skipped then). An {@code OPTIONS} request, which
     * Ferry answers before routing, also gets phase 2 here: Jersey matches it to every resource.
     */
    boolean beforeRouting(Context ctx) {
        if (!applies.test(ctx)) {
            return true;
        }
        ExtensionRequestContext request = new ExtensionRequestContext(ctx);
        ctx.attribute(REQUEST_ATTRIBUTE, request);
        if (!runRequestFilters(preMatching, ctx, request)) {
            return false;
        }
        if (isOptions(ctx)) {
            request.matched(Map.of());
            return runRequestFilters(postMatching, ctx, request);
        }
        return true;
    }

    /** Phase 2; the {@code beforeMatched} handler. */
    void afterMatching(Context ctx) {
        ExtensionRequestContext request = ctx.attribute(REQUEST_ATTRIBUTE);
        if (request == null || ctx.attribute(DONE_ATTRIBUTE) != null || isOptions(ctx)) {
            return;
        }
        request.matched(ctx.pathParamMap());
        runRequestFilters(postMatching, ctx, request);
    }

    /** Phase 3 for an answer made in a {@code before} handler (Javalin skips the after handlers then). */
    void respondedEarly(Context ctx) {
        if (ctx.attribute(DONE_ATTRIBUTE) == null) {
            ctx.attribute(DONE_ATTRIBUTE, Boolean.TRUE);
            runResponseFilters(ctx);
        }
    }

    private static boolean isOptions(Context ctx) {
        return ctx.method() == io.javalin.http.HandlerType.OPTIONS;
    }

    /** Phase 3; the {@code after} handler. Skipped for requests a JAX-RS resource answered (Jersey ran them). */
    void afterResponse(Context ctx) {
        if (ctx.attribute(DONE_ATTRIBUTE) == null) {
            runResponseFilters(ctx);
        }
    }

    private void runResponseFilters(Context ctx) {
        ExtensionRequestContext request = ctx.attribute(REQUEST_ATTRIBUTE);
        if (request == null || responseFilters.isEmpty() || ctx.attribute(ResourceServer.SERVED_ATTRIBUTE) != null) {
            return;
        }
        ExtensionResponseContext response = new ExtensionResponseContext(ctx, mapper);
        for (ContainerResponseFilter filter : responseFilters) {
            try (LoaderSwap ignored = Plugins.swapLoader(filter.getClass().getClassLoader())) {
                filter.filter(request, response);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        response.apply();
    }

    /** The request's JAX-RS context, when phase 1 ran for it (null otherwise). */
    static ExtensionRequestContext requestOf(Context ctx) {
        return ctx.attribute(REQUEST_ATTRIBUTE);
    }

    /** Runs {@code filters} in order; false when one of them answered the request. */
    private boolean runRequestFilters(List<ContainerRequestFilter> filters, Context ctx,
                                      ExtensionRequestContext request) {
        for (ContainerRequestFilter filter : filters) {
            try (LoaderSwap ignored = Plugins.swapLoader(filter.getClass().getClassLoader())) {
                filter.filter(request);
            } catch (WebApplicationException e) {
                answer(ctx, errorResponse(e));
                return false;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Response abort = request.abortResponse();
            if (abort != null) {
                answer(ctx, abort);
                return false;
            }
        }
        return true;
    }

    /** Ends the request with {@code response}; Javalin then skips the after handlers too, so response filters run here. */
    private void answer(Context ctx, Response response) {
        // Jersey types an untyped entity after the matched method: JSON for Apache's resources,
        // text for the OPTIONS method it generates
        ResponseWriting.write(ctx, response, mapper, isOptions(ctx) ? "text/plain" : ResponseWriting.DEFAULT_TYPE);
        ctx.attribute(DONE_ATTRIBUTE, Boolean.TRUE);
        ctx.skipRemainingHandlers();
        runResponseFilters(ctx);
    }

    /** Apache's ConnectExceptionMapper answers a WebApplicationException with its status and message as JSON. */
    private static Response errorResponse(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", status);
        body.put("message", e.getMessage());
        return Response.status(status).entity(body).type("application/json").build();
    }

    private static Object instance(RegisteredComponent component, Map<Class<?>, Object> instances) {
        if (component.instance() != null) {
            return component.instance();
        }
        return instances.computeIfAbsent(component.type(), ComponentInstances::create);
    }

    static boolean isNameBound(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(NameBinding.class)) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<T> sorted(List<Ranked<T>> ranked, boolean descending) {
        Comparator<Ranked<T>> byPriority = Comparator.comparingInt(Ranked::priority);
        if (descending) {
            byPriority = byPriority.reversed();
        }
        return ranked.stream().sorted(byPriority.thenComparingInt(Ranked::order)).map(Ranked::filter).toList();
    }

    private record Ranked<T>(T filter, int priority, int order) {
    }
}

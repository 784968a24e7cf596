package dev.ferry.rest.extensions;

import io.javalin.http.Context;
import jakarta.ws.rs.container.ContainerRequestContext;

/** The JAX-RS view of a request the extensions' filters saw, for the Jersey bridge (another class loader). */
public final class FilteredRequests {
    private FilteredRequests() {
    }

    /** The request's full URI, as {@code UriInfo.getRequestUri()} gives it to filters. */
    public static java.net.URI requestUri(Context ctx) {
        return RequestUriInfo.requestUri(ctx);
    }

    /** The request context the pre-matching filters ran with (their security context, properties), or null. */
    public static ContainerRequestContext of(Context ctx) {
        return ExtensionFilters.requestOf(ctx);
    }
}

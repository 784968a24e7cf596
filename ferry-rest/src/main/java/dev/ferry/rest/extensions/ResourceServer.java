package dev.ferry.rest.extensions;

import io.javalin.http.Context;

/**
 * Serves the JAX-RS resources extensions registered, for requests no route of Ferry's matched.
 * Implemented by the Jersey bridge ({@code dev.ferry.rest.extensions.jersey}), which
 * {@link JerseyRuntime} loads only when an extension registers a resource.
 */
public interface ResourceServer {
    /** Set on a request a resource answered: Jersey ran the response filters for it. */
    String SERVED_ATTRIBUTE = "ferry.extensions.jersey";

    /** Answers the request; false when no resource matches it (the caller answers its own 404/405 then). */
    boolean serve(Context ctx) throws Exception;
}

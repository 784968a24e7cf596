package dev.ferry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes response bodies: every body Ferry sends is JSON, as every body Apache sends is. */
final class JsonResponses {
    static final String JSON = "application/json";

    private final ObjectMapper mapper;

    JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A JSON body. An error that JAX-RS itself raises in Apache (no route for the path, a method the
     * path does not take: messages {@code HTTP 404 Not Found}, {@code HTTP 405 Method Not Allowed},
     * ...) goes out without a {@code Content-Type}, as Apache's exception mapper builds those answers
     * without a media type.
     */
    void send(Context ctx, int status, Object body) {
        if (body instanceof ErrorJson error && error.message() != null && error.message().startsWith("HTTP ")) {
            sendWithoutType(ctx, status, body);
        } else {
            sendJson(ctx, status, body);
        }
    }

    /** A JSON body with {@code Content-Type: application/json}, whatever it is. */
    void sendJson(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render the response of " + ctx.method() + " " + ctx.path()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON bytes {@link #sendJson} would send for {@code body}, for an answer serialized once and sent often. */
    byte[] render(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a response body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A body {@link #render rendered} beforehand, with {@code Content-Type: application/json}. */
    void sendRendered(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType(JSON).result(body);
    }

    /**
     * A JSON body without a {@code Content-Type} header, as JAX-RS answers a request it matched to no
     * resource method (415).
     */
    void sendWithoutType(Context ctx, int status, Object body) {
        sendJson(ctx, status, body);
        withoutContentType(ctx);
    }

    /**
     * A success without a body (204) or with none by design (202 for pause/resume), and, as in
     * Apache's answers, without a {@code Content-Type}.
     */
    void empty(Context ctx, int status) {
        ctx.status(status);
        withoutContentType(ctx);
    }

    private static void withoutContentType(Context ctx) {
        ctx.res().setContentType(null);
        ctx.res().setHeader("Content-Type", null);
    }
}

package dev.ferry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes response bodies with the content type the client accepts among Confluent's three:
 * {@code application/vnd.schemaregistry.v1+json} (the default), {@code application/vnd.schemaregistry+json}
 * and {@code application/json}.
 */
final class RestResponses {
    static final String V1 = "application/vnd.schemaregistry.v1+json";
    static final String ANY_VERSION = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";

    private final ObjectMapper mapper;

    RestResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(Context ctx, int status, Object body) {
        try {
            negotiate(ctx.status(status)).result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render the response of " + ctx.method() + " " + ctx.path()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A JSON body already rendered. To a client that does not accept a compressed answer (the serdes do not ask
     * for one) the bytes go straight to the servlet response: through Javalin's result they would pass its
     * compression stream, whose per-response checks cost more than the rest of serving a cached schema.
     */
    void sendBytes(Context ctx, byte[] body) {
        negotiate(ctx.status(200));
        if (ctx.header("Accept-Encoding") != null) {
            ctx.result(body);
            return;
        }
        HttpServletResponse response = ctx.res();
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the response to " + ctx.method() + " " + ctx.path()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A body that is already text (a raw schema), sent as is. */
    void sendRaw(Context ctx, String body) {
        negotiate(ctx.status(200)).result(body);
    }

    /**
     * Sets the content type the client accepts. The server's default content type is {@link #V1}, which Javalin sets
     * on every response already, so it is only set again when the client asks for another one (setting it costs a
     * header parse per response on the hottest path).
     */
    private static Context negotiate(Context ctx) {
        String type = contentType(ctx.header("Accept"));
        return V1.equals(type) ? ctx : ctx.contentType(type);
    }

    static String contentType(String accept) {
        if (accept == null || accept.isBlank()) {
            return V1;
        }
        String lower = accept.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains(V1) || lower.contains("*/*")) {
            return V1;
        }
        if (lower.contains(ANY_VERSION)) {
            return ANY_VERSION;
        }
        if (lower.contains(JSON)) {
            return JSON;
        }
        return V1;
    }
}

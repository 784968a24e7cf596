package dev.ferry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

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
            ctx.status(status).contentType(contentType(ctx.header("Accept"))).result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render the response of " + ctx.method() + " " + ctx.path()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON body already rendered. */
    void sendBytes(Context ctx, byte[] body) {
        ctx.status(200).contentType(contentType(ctx.header("Accept"))).result(body);
    }

    /** A body that is already text (a raw schema), sent as is. */
    void sendRaw(Context ctx, String body) {
        ctx.status(200).contentType(contentType(ctx.header("Accept"))).result(body);
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

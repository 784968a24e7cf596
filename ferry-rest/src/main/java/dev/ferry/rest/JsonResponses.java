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

    void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render the response of " + ctx.method() + " " + ctx.path()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A success without a body (204) or with none by design (202 for pause/resume). */
    void empty(Context ctx, int status) {
        ctx.status(status);
    }
}

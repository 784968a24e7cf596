package dev.ferry.rest.extensions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes a JAX-RS {@link Response} (a filter's {@code abortWith}) as Ferry's answer to the request. */
final class ResponseWriting {
    /**
     * The content type of an entity the response gives none for: Apache's resources all produce
     * {@code application/json}, so Jersey picks it for an aborted request to any of them.
     */
    static final String DEFAULT_TYPE = "application/json";

    private ResponseWriting() {
    }

    static void write(Context ctx, Response response, ObjectMapper mapper, String defaultType) {
        ctx.status(response.getStatus());
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            ctx.res().setHeader(header.getKey(), null);
            for (String value : header.getValue()) {
                ctx.res().addHeader(header.getKey(), value);
            }
        }
        Object entity = response.getEntity();
        if (entity == null) {
            ctx.result(new byte[0]);
            return;
        }
        ctx.contentType(response.getMediaType() != null ? response.getMediaType().toString() : defaultType);
        ctx.result(bytesOf(entity, mapper));
    }

    /** A {@code String} as UTF-8, bytes and streams as they are, anything else as JSON. */
    static byte[] bytesOf(Object entity, ObjectMapper mapper) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read a REST extension's response entity", e);
            }
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A REST extension's response entity of type "
                    + entity.getClass().getName() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}

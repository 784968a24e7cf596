package dev.ferry.rest;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;

/**
 * The request {@code Content-Type} check of Apache's JSON resources ({@code /connectors},
 * {@code /connector-plugins}, {@code /admin/loggers}), which consume only
 * {@code application/json}: a request of another type, whatever its method, is answered
 * 415 {@code HTTP 415 Unsupported Media Type} before the route runs, and so is a request that has a
 * body but no {@code Content-Type} (JAX-RS reads such a body as {@code application/octet-stream},
 * which no JSON reader takes). A type that JSON matches ({@code application/json; charset=utf-8},
 * {@code application/*}, {@code *}{@code /*}) passes. The 415 answers carry a JSON body; as
 * Apache's, the one for a wrong type has no {@code Content-Type} header (JAX-RS chose no resource
 * method, so none was negotiated) and the one for a missing type says {@code application/json}
 * (the method was chosen, and its body could not be read).
 */
final class JsonContentType {
    static final String UNSUPPORTED = "HTTP 415 Unsupported Media Type";

    private final JsonResponses json;

    JsonContentType(JsonResponses json) {
        this.json = json;
    }

    /** {@code handler}, behind the check, for a route that reads no body. */
    Handler accepting(Handler handler) {
        return ctx -> {
            if (acceptable(ctx, false)) {
                handler.handle(ctx);
            }
        };
    }

    /** {@code handler}, behind the check, for a route that reads a JSON body. */
    Handler reading(Handler handler) {
        return ctx -> {
            if (acceptable(ctx, true)) {
                handler.handle(ctx);
            }
        };
    }

    private boolean acceptable(Context ctx, boolean readsBody) {
        String type = ctx.header("Content-Type");
        if (type == null || type.isBlank()) {
            if (readsBody && ctx.bodyAsBytes().length > 0) {
                json.sendJson(ctx, 415, new ErrorJson(415, UNSUPPORTED));
                return false;
            }
            return true;
        }
        if (!isJson(type)) {
            json.sendWithoutType(ctx, 415, new ErrorJson(415, UNSUPPORTED));
            return false;
        }
        return true;
    }

    /** Whether {@code application/json} is compatible with the media type {@code header} names. */
    static boolean isJson(String header) {
        String mediaType = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (mediaType.equals("*")) {
            return true;
        }
        if (slash < 0) {
            return false;
        }
        String type = mediaType.substring(0, slash).trim();
        String subtype = mediaType.substring(slash + 1).trim();
        return (type.equals("*") || type.equals("application")) && (subtype.equals("*") || subtype.equals("json"));
    }
}

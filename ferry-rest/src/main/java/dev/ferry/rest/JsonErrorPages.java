package dev.ferry.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answers to requests that never reach a route — headers too large (431), a malformed
 * request line (400) — as Connect's JSON error body instead of Jetty's HTML
 * page, so that every answer of the API, even these, is {@code {"error_code":N,"message":"..."}}.
 * The message is fixed per status: Jetty's reason may quote the request, which a client controls.
 */
final class JsonErrorPages extends ErrorHandler {
    private final RequestLimits limits;

    JsonErrorPages(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = switch (status) {
            case 431 -> "Request header fields too large: the request line and headers may have at most "
                    + RequestLimits.MAX_HEADER + " bytes.";
            case 408 -> limits.timedOut();
            case 413 -> limits.bodyTooLarge();
            default -> "HTTP " + status + " " + HttpStatus.getMessage(status);
        };
        String body = "{\"error_code\":" + status + ",\"message\":\"" + message + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}

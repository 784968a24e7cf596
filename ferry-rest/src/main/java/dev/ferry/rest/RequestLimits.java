package dev.ferry.rest;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.ConfigException;

/**
 * How much a client may send and how slowly ({@code rest.request.*}, Ferry's settings; Apache
 * leaves these to Jetty's defaults). A body over the limit is answered 413 and a request line and
 * headers over theirs 431, as Connect's JSON error; a client that stops sending its body for the
 * idle timeout is answered 408, also as Connect's JSON error, and its connection closed (an idle
 * connection between requests is just closed).
 *
 * @param maxBodyBytes   largest request body ({@code rest.request.body.max.bytes})
 * @param maxHeaderBytes largest request line plus headers ({@code rest.request.header.max.bytes})
 * @param idleTimeout    how long a connection may send nothing ({@code rest.request.idle.timeout.ms})
 */
public record RequestLimits(long maxBodyBytes, int maxHeaderBytes, Duration idleTimeout) {
    static final String MAX_BODY = "rest.request.body.max.bytes";
    static final String MAX_HEADER = "rest.request.header.max.bytes";
    static final String IDLE_TIMEOUT = "rest.request.idle.timeout.ms";

    /** 1 MB of body (what the server took before the setting existed), Jetty's 8 KiB of headers, 90 s. */
    public static final RequestLimits DEFAULT = new RequestLimits(1_000_000, 8192, RestSettings.DEFAULT_REQUEST_TIMEOUT);

    static RequestLimits from(Map<String, Object> values) {
        return new RequestLimits(
                number(values, MAX_BODY, DEFAULT.maxBodyBytes, 1024, Integer.MAX_VALUE),
                (int) number(values, MAX_HEADER, DEFAULT.maxHeaderBytes, 1024, 1 << 20),
                Duration.ofMillis(number(values, IDLE_TIMEOUT, DEFAULT.idleTimeout.toMillis(), 100, Integer.MAX_VALUE)));
    }

    /**
     * Reads the request's body before the route runs, so that a client that stops sending it gets
     * the 408 as Connect's JSON error: Javalin answers a read ended by Jetty's idle timeout itself,
     * with an empty body, before any of Ferry's exception handlers sees it, so the timeout becomes a
     * {@link RestException} here. The body is kept by the context, so routes read it again for free.
     */
    void readBody(Context ctx) throws Exception {
        if (ctx.req().getContentLengthLong() <= 0 && ctx.header("Transfer-Encoding") == null) {
            return;
        }
        try {
            ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                // Javalin's own text ("Content Too Large") names neither the limit nor the setting that raises it.
                throw new RestException(413, bodyTooLarge());
            }
            throw e;
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof TimeoutException) {
                    throw new RestException(408, timedOut());
                }
            }
            throw e;
        }
    }

    /** Why a body over the limit is refused (413), whether the router or Jetty refuses it. */
    String bodyTooLarge() {
        return "Request body too large: it has more than " + maxBodyBytes + " bytes (" + MAX_BODY + "). Send a "
                + "smaller body, or raise " + MAX_BODY + " in the worker's config.";
    }

    /** Why a request the client stopped sending is answered 408, whether the router or Jetty answers it. */
    String timedOut() {
        return "Request timeout: the client sent nothing for " + IDLE_TIMEOUT + " (" + idleTimeout.toMillis()
                + " ms) before its request was complete.";
    }

    private static long number(Map<String, Object> values, String key, long fallback, long min, long max) {
        Object value = values.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number, e.g. " + key + "=" + fallback);
        }
        if (n < min || n > max) {
            throw new ConfigException(key, value, "must be between " + min + " and " + max);
        }
        return n;
    }
}

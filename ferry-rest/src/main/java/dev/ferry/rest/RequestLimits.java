package dev.ferry.rest;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * How much a client may send and how slowly ({@code rest.request.*}, Ferry's settings; Apache
 * leaves these to Jetty's defaults). A body over the limit is answered 413 and a request line and
 * headers over theirs 431, as Connect's JSON error; a connection on which the client sends nothing
 * for the idle timeout is closed, with a bodyless 408 when a request was begun (the connection is
 * already given up, so no JSON body can follow).
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

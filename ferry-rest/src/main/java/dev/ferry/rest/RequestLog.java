package dev.ferry.rest;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, in the spirit of Apache's NCSA-style request log:
 * {@code client "METHOD /path?query PROTOCOL" status "user-agent" millis}, with the user or token
 * name after the client when Ferry's built-in authentication let the request in (an audit trail of
 * who changed what; never a credential). Successful reads are logged at DEBUG so that monitoring
 * polls do not flood the log; everything else at INFO.
 */
final class RequestLog {
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {
    }

    static void log(Context ctx, Float millis) {
        boolean quiet = ctx.statusCode() < 400 && ("GET".equals(ctx.method().name()) || "HEAD".equals(ctx.method().name()));
        if (quiet ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return;
        }
        String query = ctx.queryString();
        Object caller = ctx.attribute(AccessControl.CALLER_ATTRIBUTE);
        String who = caller instanceof dev.ferry.rest.security.Caller c ? " " + c.name() : "";
        String line = ctx.ip() + who + " \"" + ctx.method().name() + " " + ctx.path() + (query == null ? "" : "?" + query)
                + " " + ctx.protocol() + "\" " + ctx.statusCode() + " \"" + orDash(ctx.userAgent()) + "\" "
                + Math.round(millis == null ? 0 : millis);
        if (quiet) {
            log.debug(line);
        } else {
            log.info(line);
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}

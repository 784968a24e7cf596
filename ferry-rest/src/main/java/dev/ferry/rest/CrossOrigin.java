package dev.ferry.rest;

import java.util.LinkedHashSet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/**
 * CORS as Apache Connect configures it ({@code access.control.allow.origin} and
 * {@code access.control.allow.methods}), put in front of the API as Jetty's
 * {@link CrossOriginHandler}, which answers preflights before any route runs. Apache's users write
 * origins with {@code *} wildcards; Jetty 12 takes regular expressions, so each origin is
 * translated with everything but the wildcards quoted.
 */
final class CrossOrigin {
    private CrossOrigin() {
    }

    /** Puts the CORS handler in front of {@code server}'s handlers when any origin is allowed; otherwise nothing. */
    static void install(Server server, RestSettings settings) {
        if (settings.allowedOrigins().isEmpty()) {
            return;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(new LinkedHashSet<>(settings.allowedOrigins().stream()
                .map(CrossOrigin::originPattern).toList()));
        if (!settings.allowedMethods().isEmpty()) {
            cors.setAllowedMethods(new LinkedHashSet<>(settings.allowedMethods()));
        }
        server.setHandler(cors);
    }

    /** {@code *} and {@code https://*.example.com} as the regular expressions Jetty matches origins with. */
    static String originPattern(String origin) {
        if (origin.equals("*")) {
            return ".*";
        }
        StringBuilder pattern = new StringBuilder();
        for (String part : origin.split("\\*", -1)) {
            if (!pattern.isEmpty()) {
                pattern.append(".*");
            }
            if (!part.isEmpty()) {
                pattern.append(java.util.regex.Pattern.quote(part));
            }
        }
        return pattern.toString();
    }
}

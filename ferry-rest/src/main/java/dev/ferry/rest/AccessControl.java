package dev.ferry.rest;

import dev.ferry.rest.security.AuthenticationSettings;
import dev.ferry.rest.security.Caller;
import dev.ferry.rest.security.CredentialStore;
import dev.ferry.runtime.cluster.requests.RequestSigner;
import io.javalin.http.Context;

/**
 * Ferry's built-in REST authentication and roles ({@code rest.authentication.*}), run before every
 * route on every listener (the admin listeners too: {@code PUT /admin/loggers} is a write).
 *
 * <p>Who gets through: the console's files under {@code /ui/} (code, no data) and the configured
 * public paths (the health probes by default) for anyone; the internal endpoints
 * ({@code POST /connectors/{c}/tasks}, {@code PUT /connectors/{c}/fence}) only for requests that
 * carry a worker's KIP-507 signature, which the herder then verifies against the session key —
 * user credentials, even an admin's, never open them; every other request needs valid
 * {@code Basic} or {@code Bearer} credentials, and a read-only caller may only read.
 *
 * <p>Answers are Connect's JSON errors: 401 with {@code WWW-Authenticate} challenges for both
 * schemes when credentials are missing or wrong (one message for both cases, so the answer does
 * not tell which user names exist), 403 naming the caller and its role when the role is too small.
 * A request a page's script sends ({@code X-Requested-With: XMLHttpRequest}, as the console's do)
 * gets only the Bearer challenge: a browser answers a Basic one with its own sign-in prompt, over
 * the page's dialog.
 */
final class AccessControl {
    /** The context attribute that holds the authenticated {@link Caller}. */
    static final String CALLER_ATTRIBUTE = dev.ferry.rest.extensions.RequestSecurity.CALLER_ATTRIBUTE;

    private final AuthenticationSettings settings;
    private final CredentialStore credentials;

    private AccessControl(AuthenticationSettings settings) {
        this.settings = settings;
        this.credentials = new CredentialStore(settings);
    }

    /** The access control for {@code settings}, or null when authentication is off. */
    static AccessControl of(AuthenticationSettings settings) {
        return settings.enabled() ? new AccessControl(settings) : null;
    }

    /**
     * Lets the request through or throws the 401/403 to answer.
     *
     * @param consolePath whether the path is one of the console's files
     */
    void check(Context ctx, boolean consolePath) {
        String method = ctx.method().name();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && (consolePath || settings.publicPaths().contains(ctx.path()))) {
            return;
        }
        if (isInternalEndpoint(method, ctx.path())) {
            if (ctx.header(RequestSigner.SIGNATURE_HEADER) == null || ctx.header(RequestSigner.ALGORITHM_HEADER) == null) {
                throw new RestException(403, "This endpoint only takes requests signed by the workers of this cluster "
                        + "(headers " + RequestSigner.SIGNATURE_HEADER + " and " + RequestSigner.ALGORITHM_HEADER
                        + "); user credentials do not open it.");
            }
            return;
        }
        Caller caller = credentials.authenticate(ctx.header("Authorization"));
        if (caller == null) {
            if (!"XMLHttpRequest".equalsIgnoreCase(ctx.header("X-Requested-With"))) {
                ctx.res().addHeader("WWW-Authenticate", "Basic realm=\"" + settings.realm() + "\", charset=\"UTF-8\"");
            }
            ctx.res().addHeader("WWW-Authenticate", "Bearer realm=\"" + settings.realm() + "\"");
            throw new RestException(401, ctx.header("Authorization") == null
                    ? "Authentication required: send the credentials of a user (Basic) or a token (Bearer) "
                            + "configured in rest.authentication.*."
                    : "Invalid credentials: unknown user, wrong password or unknown token.");
        }
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        if (!caller.role().allows(method)) {
            throw new RestException(403, "'" + caller.name() + "' has the " + caller.role().configName()
                    + " role, which may only read (GET, HEAD); " + method + " needs the admin role.");
        }
    }

    /** {@code POST /connectors/{c}/tasks} and {@code PUT /connectors/{c}/fence}, the endpoints workers call on each other. */
    static boolean isInternalEndpoint(String method, String path) {
        String[] segments = path.split("/", -1);
        if (segments.length != 4 || !segments[0].isEmpty() || !segments[1].equals("connectors") || segments[2].isEmpty()) {
            return false;
        }
        return (method.equals("POST") && segments[3].equals("tasks")) || (method.equals("PUT") && segments[3].equals("fence"));
    }
}

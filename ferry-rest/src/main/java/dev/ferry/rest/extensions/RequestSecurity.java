package dev.ferry.rest.extensions;

import dev.ferry.rest.security.Caller;
import io.javalin.http.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context REST extensions see for a request: secure when it came over https, and,
 * when Ferry's built-in authentication ({@code rest.authentication.*}) let it in, its
 * {@link Caller} as principal, the caller's role ({@code read-only} or {@code admin}) for
 * {@link #isUserInRole} and {@code BASIC}/{@code BEARER} as scheme. Without built-in
 * authentication there is no principal and no role, until an extension's filter sets its own
 * context. Public because the Jersey bridge, defined by another class loader, answers its
 * resources' requests with it too.
 *
 * @param caller who made the request, or null
 */
public record RequestSecurity(boolean secure, Caller caller) implements SecurityContext {
    /** The context attribute under which Ferry's authentication leaves the {@link Caller}. */
    public static final String CALLER_ATTRIBUTE = "ferry.rest.caller";

    /** A context without a caller. */
    public RequestSecurity(boolean secure) {
        this(secure, null);
    }

    /** The context of {@code ctx}'s request. */
    public static RequestSecurity of(Context ctx) {
        Object caller = ctx.attribute(CALLER_ATTRIBUTE);
        return new RequestSecurity("https".equalsIgnoreCase(ctx.scheme()), caller instanceof Caller c ? c : null);
    }

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller != null && caller.role().configName().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return caller == null ? null : caller.scheme();
    }
}

package dev.ferry.rest.extensions;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a request no filter has authenticated: no principal, no roles, secure when https. Public
 * because the Jersey bridge, defined by another class loader, answers its resources' requests with it too.
 */
public record RequestSecurity(boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return null;
    }
}

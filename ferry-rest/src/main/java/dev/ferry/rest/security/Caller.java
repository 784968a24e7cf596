package dev.ferry.rest.security;

/**
 * Who made a request, once authenticated: a user name (Basic) or a token's name (Bearer), and its role.
 *
 * @param name   the user or token name, never the secret
 * @param role   what it may do
 * @param scheme {@code BASIC} or {@code BEARER}, as {@code SecurityContext.getAuthenticationScheme()} names them
 */
public record Caller(String name, Role role, String scheme) implements java.security.Principal {
    @Override
    public String getName() {
        return name;
    }
}

package dev.ferry.rest.security;

import java.util.Locale;

/**
 * What an authenticated caller of the REST API may do: {@link #READ_ONLY} may read
 * ({@code GET}, {@code HEAD}, {@code OPTIONS}), {@link #ADMIN} may do everything a client may
 * (the internal endpoints are for signed worker requests only, whatever the role).
 */
public enum Role {
    READ_ONLY("read-only"),
    ADMIN("admin");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    /** The name used in configs and files: {@code read-only} or {@code admin}. */
    public String configName() {
        return configName;
    }

    /** Whether this role may make a request with {@code method}. */
    public boolean allows(String method) {
        return this == ADMIN || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * The role named {@code name} ({@code read-only} or {@code admin}, any case).
     *
     * @throws IllegalArgumentException naming the valid roles
     */
    public static Role named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.configName.equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + wanted + "'; use read-only or admin");
    }
}

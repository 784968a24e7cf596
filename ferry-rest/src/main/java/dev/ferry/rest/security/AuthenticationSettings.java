package dev.ferry.rest.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * Ferry's built-in REST authentication, read from the worker config ({@code rest.authentication.*};
 * Apache has no such settings, it needs a REST extension). Authentication is on as soon as any
 * user or token is configured, inline or through a file.
 *
 * @param users       inline {@code name:role:pbkdf2-sha256$...} entries ({@code rest.authentication.users})
 * @param usersFile   a file of such entries, one a line, re-read when it changes, or null
 * @param tokens      inline {@code name:role:token} entries ({@code rest.authentication.tokens}), typically
 *                    from a config provider such as {@code ${file:/run/secrets/ferry.properties:rest.tokens}}
 * @param tokensFile  a file of such entries, re-read when it changes, or null
 * @param realm       the realm named in {@code WWW-Authenticate}
 * @param publicPaths paths answered without credentials (exact paths; the console's files under
 *                    {@code /ui/} are always public)
 */
public record AuthenticationSettings(List<String> users, Path usersFile, List<String> tokens, Path tokensFile,
                                     String realm, List<String> publicPaths) {
    public static final String USERS = "rest.authentication.users";
    public static final String USERS_FILE = "rest.authentication.users.file";
    public static final String TOKENS = "rest.authentication.tokens";
    public static final String TOKENS_FILE = "rest.authentication.tokens.file";
    public static final String REALM = "rest.authentication.realm";
    public static final String PUBLIC_PATHS = "rest.authentication.public.paths";
    /** Health probes are public by default: platforms probe without credentials and they show no data. */
    public static final String PUBLIC_PATHS_DEFAULT = "/health,/health/live,/health/ready";
    public static final String REALM_DEFAULT = "ferry";

    /** Authentication off. */
    public static final AuthenticationSettings NONE = new AuthenticationSettings(List.of(), null, List.of(), null,
            REALM_DEFAULT, List.of());

    public AuthenticationSettings {
        users = List.copyOf(users);
        tokens = List.copyOf(tokens);
        publicPaths = List.copyOf(publicPaths);
    }

    /** Whether requests must carry credentials. */
    public boolean enabled() {
        return !users.isEmpty() || !tokens.isEmpty() || usersFile != null || tokensFile != null;
    }

    /** Reads the settings from worker config values (strings, lists or {@link Password}s). */
    public static AuthenticationSettings from(Map<String, ?> values) {
        String usersFile = string(values.get(USERS_FILE));
        String tokensFile = string(values.get(TOKENS_FILE));
        String realm = string(values.get(REALM));
        Object publicPaths = values.get(PUBLIC_PATHS);
        return new AuthenticationSettings(list(values.get(USERS)), usersFile == null ? null : Path.of(usersFile),
                list(values.get(TOKENS)), tokensFile == null ? null : Path.of(tokensFile),
                realm == null ? REALM_DEFAULT : realm, list(publicPaths == null ? PUBLIC_PATHS_DEFAULT : publicPaths));
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Password p ? p.value() : value.toString();
        return text.isBlank() ? null : text.strip();
    }

    private static List<String> list(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            items.forEach(item -> addEntry(result, String.valueOf(item)));
        } else if (value != null) {
            String text = value instanceof Password p ? p.value() : value.toString();
            for (String item : text.split(",")) {
                addEntry(result, item);
            }
        }
        return result;
    }

    private static void addEntry(List<String> into, String item) {
        if (!item.isBlank()) {
            into.add(item.strip());
        }
    }

    /** Never shows the entries: they hold password hashes and tokens. */
    @Override
    public String toString() {
        return "AuthenticationSettings[users=" + users.size() + " inline" + (usersFile == null ? "" : " + " + usersFile)
                + ", tokens=" + tokens.size() + " inline" + (tokensFile == null ? "" : " + " + tokensFile)
                + ", realm=" + realm + ", publicPaths=" + publicPaths + "]";
    }
}

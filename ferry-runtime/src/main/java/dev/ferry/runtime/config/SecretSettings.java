package dev.ferry.runtime.config;

import java.util.List;
import java.util.Locale;

/**
 * Which worker settings hold secrets, judged by name, so that what Ferry prints about a worker's
 * configuration ({@code ferry standalone --print-config}, the start-up notes about environment
 * variables) never shows their values. A name is secret when one of its dot-separated parts is or
 * contains {@code password}, {@code secret} or {@code jaas}, when
 * its last part is {@code key} (a PEM private key such as {@code ssl.keystore.key}), or when it is a
 * registry client's {@code basic.auth.user.info} ({@code user:password}). {@code key.converter} and
 * the like are not: there {@code key} is the record key.
 */
public final class SecretSettings {
    /** What is printed instead of a secret value. */
    public static final String HIDDEN = "[hidden]";

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas");

    private SecretSettings() {
    }

    /** Whether the value of setting {@code name} must not be shown. */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("user.info") || lower.equals("key") || lower.endsWith(".key")) {
            return true;
        }
        for (String part : lower.split("[._-]")) {
            for (String word : SECRET_WORDS) {
                if (part.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.ferry.rest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One consistent set of users and tokens, parsed from {@code name:role:secret} entries (a config
 * list or a file's lines). A user's secret is a {@link PasswordHashes} hash; a token's secret is the
 * token itself or {@code sha256:<hex>} of it. Tokens are kept only as SHA-256 digests, so a heap
 * dump shows no token and a lookup compares digests, not the secrets themselves.
 *
 * <p>Immutable; parse errors name the source and line, never the secret.
 */
final class CredentialEntries {
    record User(String name, Role role, String hash) {
    }

    record Token(String name, Role role) {
    }

    private static final String SHA256_PREFIX = "sha256:";

    private final Map<String, User> users;
    private final Map<String, Token> tokensByDigest;

    private CredentialEntries(Map<String, User> users, Map<String, Token> tokensByDigest) {
        this.users = Map.copyOf(users);
        this.tokensByDigest = Map.copyOf(tokensByDigest);
    }

    static final CredentialEntries EMPTY = new CredentialEntries(Map.of(), Map.of());

    User user(String name) {
        return users.get(name);
    }

    /** The token whose SHA-256 digest is {@code digest}, or null. */
    Token tokenByDigest(String digest) {
        return tokensByDigest.get(digest);
    }

    boolean isEmpty() {
        return users.isEmpty() && tokensByDigest.isEmpty();
    }

    /** These entries plus {@code other}'s; the same user or token name twice is an error. */
    CredentialEntries plus(CredentialEntries other, String otherSource) {
        Map<String, User> u = new HashMap<>(users);
        for (User user : other.users.values()) {
            if (u.putIfAbsent(user.name(), user) != null) {
                throw new IllegalArgumentException(otherSource + ": user '" + user.name() + "' is defined twice");
            }
        }
        Map<String, Token> t = new HashMap<>(tokensByDigest);
        t.putAll(other.tokensByDigest);
        return new CredentialEntries(u, t);
    }

    /**
     * Parses users ({@code name:role:pbkdf2-sha256$...}) from {@code lines}; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalArgumentException naming {@code source} and the line, never the secret
     */
    static CredentialEntries users(List<String> lines, String source) {
        Map<String, User> users = new HashMap<>();
        forEachEntry(lines, source, (line, name, role, secret) -> {
            try {
                PasswordHashes.check(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " entry " + line + " (user '" + name + "'): " + e.getMessage());
            }
            if (users.putIfAbsent(name, new User(name, role, secret)) != null) {
                throw new IllegalArgumentException(source + " entry " + line + ": user '" + name + "' is defined twice");
            }
        });
        return new CredentialEntries(users, Map.of());
    }

    /** Parses tokens ({@code name:role:token} or {@code name:role:sha256:<hex>}) from {@code lines}. */
    static CredentialEntries tokens(List<String> lines, String source) {
        Map<String, Token> tokens = new HashMap<>();
        forEachEntry(lines, source, (line, name, role, secret) -> {
            String digest;
            if (secret.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
                digest = secret.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
                if (!digest.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(source + " entry " + line + " (token '" + name
                            + "'): sha256: must be followed by 64 hex digits");
                }
            } else {
                if (secret.length() < 16) {
                    throw new IllegalArgumentException(source + " entry " + line + " (token '" + name
                            + "'): a token must have at least 16 characters, e.g. from 'openssl rand -hex 32'");
                }
                digest = sha256(secret);
            }
            tokens.put(digest, new Token(name, role));
        });
        return new CredentialEntries(Map.of(), tokens);
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private interface EntryConsumer {
        void accept(int line, String name, Role role, String secret);
    }

    private static void forEachEntry(List<String> lines, String source, EntryConsumer consumer) {
        for (int i = 0; i < lines.size(); i++) {
            String entry = lines.get(i).strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                throw new IllegalArgumentException(source + " entry " + (i + 1)
                        + " is not of the form name:role:secret (role read-only or admin)");
            }
            Role role;
            try {
                role = Role.named(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " entry " + (i + 1) + ": " + e.getMessage());
            }
            consumer.accept(i + 1, parts[0].strip(), role, parts[2].strip());
        }
    }
}

package dev.ferry.rest.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials of a request against the configured users and tokens, re-reading the
 * users and tokens files when they change.
 *
 * <p>Why a cache of verified passwords: PBKDF2 costs a tenth of a second by design, which a client
 * polling the API must not pay on every request. A successful check is remembered as a SHA-256 of
 * the user, the password and its hash, so the cache holds no password and is void as soon as the
 * user's hash changes; it is cleared on every reload and when it grows past a bound.
 *
 * <p>Why files are checked at most once a second: a {@code stat} per request is cheap but not free,
 * and a second is well within what an operator rotating a token expects. A file that became
 * unreadable or invalid keeps the previous credentials, with a warning that names the file and the
 * line but never a secret.
 *
 * <p>Thread-safe: the current entries are one immutable snapshot, swapped on reload.
 */
public final class CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private static final int CACHE_LIMIT = 10_000;

    private final AuthenticationSettings settings;
    private final CredentialEntries inline;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private volatile CredentialEntries current;
    private volatile FileStamp usersStamp;
    private volatile FileStamp tokensStamp;
    private volatile long lastCheck = System.nanoTime();

    private record FileStamp(long modifiedMillis, long size, Object key) {
        static FileStamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        }
    }

    /**
     * Reads the inline entries and the files.
     *
     * @throws ConfigException naming the setting or file and the line when any entry is invalid
     */
    public CredentialStore(AuthenticationSettings settings) {
        this.settings = settings;
        try {
            this.inline = CredentialEntries.users(settings.users(), AuthenticationSettings.USERS)
                    .plus(CredentialEntries.tokens(settings.tokens(), AuthenticationSettings.TOKENS),
                            AuthenticationSettings.TOKENS);
            this.usersStamp = stamp(settings.usersFile());
            this.tokensStamp = stamp(settings.tokensFile());
            this.current = load();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Invalid REST authentication settings: " + e.getMessage());
        }
    }

    /**
     * The caller that {@code authorization} (an {@code Authorization} header value) proves, or null
     * when it proves none (absent, malformed, unknown user, wrong password or token).
     */
    public Caller authenticate(String authorization) {
        if (authorization == null) {
            return null;
        }
        reloadIfChanged();
        CredentialEntries entries = current;
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            CredentialEntries.Token token = entries.tokenByDigest(CredentialEntries.sha256(value));
            return token == null ? null : new Caller(token.name(), token.role(), "BEARER");
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(entries, value);
        }
        return null;
    }

    private Caller basic(CredentialEntries entries, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        CredentialEntries.User user = entries.user(decoded.substring(0, colon));
        if (user == null) {
            return null;
        }
        String password = decoded.substring(colon + 1);
        String cacheKey = CredentialEntries.sha256(user.name() + '\u0000' + password + '\u0000' + user.hash());
        if (!verified.containsKey(cacheKey)) {
            if (!PasswordHashes.verify(password.toCharArray(), user.hash())) {
                return null;
            }
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(cacheKey, Boolean.TRUE);
        }
        return new Caller(user.name(), user.role(), "BASIC");
    }

    /** Re-reads the files when their time stamp or size changed since the last read (checked at most once a second). */
    void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_INTERVAL_NANOS || (settings.usersFile() == null && settings.tokensFile() == null)) {
            return;
        }
        synchronized (this) {
            if (now - lastCheck < CHECK_INTERVAL_NANOS) {
                return;
            }
            lastCheck = now;
            try {
                FileStamp users = stamp(settings.usersFile());
                FileStamp tokens = stamp(settings.tokensFile());
                if (java.util.Objects.equals(users, usersStamp) && java.util.Objects.equals(tokens, tokensStamp)) {
                    return;
                }
                current = load();
                usersStamp = users;
                tokensStamp = tokens;
                verified.clear();
                log.info("Reloaded the REST credentials from {}", files());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Keeping the previous REST credentials: could not reload {}: {}", files(), e.getMessage());
            }
        }
    }

    /** For tests: check the files on the next request, whenever the last check was. */
    void checkFilesOnNextRequest() {
        lastCheck = System.nanoTime() - CHECK_INTERVAL_NANOS - 1;
    }

    private CredentialEntries load() throws IOException {
        CredentialEntries entries = inline;
        if (settings.usersFile() != null) {
            String source = AuthenticationSettings.USERS_FILE + " " + settings.usersFile();
            entries = entries.plus(CredentialEntries.users(Files.readAllLines(settings.usersFile()), source), source);
        }
        if (settings.tokensFile() != null) {
            String source = AuthenticationSettings.TOKENS_FILE + " " + settings.tokensFile();
            entries = entries.plus(CredentialEntries.tokens(Files.readAllLines(settings.tokensFile()), source), source);
        }
        return entries;
    }

    private String files() {
        StringBuilder names = new StringBuilder();
        if (settings.usersFile() != null) {
            names.append(settings.usersFile());
        }
        if (settings.tokensFile() != null) {
            names.append(names.isEmpty() ? "" : " and ").append(settings.tokensFile());
        }
        return names.toString();
    }

    private static FileStamp stamp(Path file) throws IOException {
        return file == null ? null : FileStamp.of(file);
    }
}

package dev.ferry.jdbc.connection;

import java.sql.SQLException;

/**
 * Where the database is and how to sign in. {@link #toString()} leaves the password out, so a settings object in
 * a log line or message is safe.
 */
public record ConnectionSettings(String url, String user, String password, int attempts, long backoffMs) {

    /** The URL without credentials, for messages. */
    public String safeUrl() {
        return Credentials.withoutCredentials(url);
    }

    /** Masks this connection's password (and any password parameter) in a message. */
    public String scrub(String message) {
        return Credentials.scrub(message, password);
    }

    /** A copy of the exception and its causes with this connection's password masked ({@link Credentials}). */
    public SQLException scrub(SQLException e) {
        return Credentials.scrub(e, password);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + safeUrl() + ", user=" + user + ", attempts=" + attempts + ", backoffMs="
                + backoffMs + "]";
    }
}

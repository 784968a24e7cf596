package dev.ferry.jdbc.connection;

import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps database passwords out of everything a user may see: logs, task status traces, REST answers. Drivers put
 * the URL, and with it any password it holds, into their exception messages, so every message and cause chain that
 * leaves the connectors goes through here. A password shorter than {@value #MIN_BLIND_LENGTH} characters is only
 * removed where it follows a password key, since replacing every occurrence of one or two characters would garble
 * the message without protecting anything.
 */
public final class Credentials {

    static final int MIN_BLIND_LENGTH = 3;
    private static final String MASK = "********";
    /** {@code password=...} in URL query strings, SQL Server's {@code ;password=...} and connection property dumps. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "(?i)((?:password|passwd|pwd)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^&;,\\s)}\\]]+)");
    /** {@code //user:password@host} in a URL authority. */
    private static final Pattern USERINFO = Pattern.compile("(//[^/@:;?\\s]+):([^/@\\s]*)@");
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)(jdbc:oracle:[a-z]+:[^/@:\\s]+)/([^@\\s]*)@");

    private Credentials() {
    }

    /**
     * The URL without a password or user-info part: {@code jdbc:mysql://u:p@h/db?password=x&ssl=true} becomes
     * {@code jdbc:mysql://h/db?ssl=true}. For messages that name the database.
     */
    public static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        String clean = url.replaceAll("//[^/@\\s]+@", "//");
        clean = ORACLE_THIN.matcher(clean).replaceAll("$1@");
        clean = clean.replaceAll("(?i)(?:password|passwd|pwd)=[^&;]*", "")
                .replaceAll("&{2,}", "&").replaceAll(";{2,}", ";").replace("?&", "?")
                .replaceAll("[?&;]+$", "");
        return clean;
    }

    /** The message with every given secret and every password-looking parameter masked. */
    public static String scrub(String message, String... secrets) {
        if (message == null) {
            return null;
        }
        String clean = message;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_BLIND_LENGTH) {
                clean = clean.replace(secret, MASK);
            }
        }
        clean = PASSWORD_PARAM.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        clean = USERINFO.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return ORACLE_THIN.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "/" + MASK + "@"));
    }

    /**
     * A copy of the exception and its causes whose messages are scrubbed, with the same types where they are
     * {@link SQLException}s (SQL state and vendor code kept) and the same stack traces, so the copy can be thrown
     * or chained in place of the original without a password reaching a status trace.
     */
    public static SQLException scrub(SQLException e, String... secrets) {
        return (SQLException) scrubThrowable(e, secrets);
    }

    /** Like {@link #scrub(SQLException, String...)} for any throwable. */
    public static Throwable scrubThrowable(Throwable t, String... secrets) {
        if (t == null) {
            return null;
        }
        Throwable copy;
        String message = scrub(t.getMessage(), secrets);
        if (t instanceof SQLException sql) {
            copy = new SQLException(message, sql.getSQLState(), sql.getErrorCode());
        } else if (Objects.equals(message, t.getMessage()) && t.getCause() == null) {
            return t;
        } else {
            copy = new ScrubbedException(t.getClass().getName(), message);
        }
        copy.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause() == t ? null : t.getCause();
        if (cause != null) {
            copy.initCause(scrubThrowable(cause, secrets));
        }
        return copy;
    }

    /** Stands in for a non-SQL exception whose message had to be scrubbed; prints as the original type. */
    static final class ScrubbedException extends Exception {
        private final String originalType;

        ScrubbedException(String originalType, String message) {
            super(message);
            this.originalType = originalType;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalType : originalType + ": " + message;
        }
    }
}

package dev.ferry.jdbc.connection;

import dev.ferry.jdbc.Sentences;
import dev.ferry.jdbc.dialect.Dialect;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/**
 * One task's (or connector's) database connection: opened on first use, checked before each reuse, reopened when
 * it broke. Opening tries {@code connection.attempts} times {@code connection.backoff.ms} apart when the database
 * cannot be reached; a refused sign-in fails at once, since trying the same password again cannot succeed.
 *
 * <p>Every failure is a {@link ConnectException} whose message names the URL without credentials, the user, what
 * to check, and whose cause chain is scrubbed of the password ({@link Credentials}). Not thread-safe: one owner.
 */
public final class ConnectionProvider implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionProvider.class);
    /** Seconds {@link Connection#isValid} may take before a connection counts as broken. */
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;
    /** SQL states of a refused sign-in: ANSI's 28000, PostgreSQL's 28P01 (wrong password). */
    private static final Set<String> AUTH_STATES = Set.of("28000", "28P01");
    /** MySQL's and MariaDB's "access denied" error codes. */
    private static final Set<Integer> AUTH_CODES = Set.of(1044, 1045, 1698);

    private final ConnectionSettings settings;
    private final Dialect dialect;
    private final Sleeper sleeper;
    private Connection connection;

    public ConnectionProvider(ConnectionSettings settings, Dialect dialect) {
        this(settings, dialect, Thread::sleep);
    }

    ConnectionProvider(ConnectionSettings settings, Dialect dialect, Sleeper sleeper) {
        this.settings = settings;
        this.dialect = dialect;
        this.sleeper = sleeper;
    }

    /** A working connection: the current one if it is still valid, else a new one. */
    public Connection connection() {
        if (connection != null) {
            try {
                if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                    return connection;
                }
            } catch (SQLException broken) {
                // replaced below
            }
            log.info("The connection to {} broke; reconnecting", settings.safeUrl());
            closeQuietly();
        }
        connection = open();
        return connection;
    }

    /** Opens a new connection the caller owns (and closes), with the same retries. */
    public Connection open() {
        String url = Drivers.effectiveUrl(settings.url());
        Driver driver = Drivers.forUrl(url);
        // which driver serves the URL is the first thing to know when a dropped-in driver seems ignored
        log.info("Connecting to {} with JDBC driver {} {}.{}", settings.safeUrl(), driver.getClass().getName(),
                driver.getMajorVersion(), driver.getMinorVersion());
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        SQLException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                Connection opened = driver.connect(url, properties);
                if (opened == null) {
                    throw new ConnectException(Drivers.missingDriverMessage(url));
                }
                try {
                    dialect.onConnect(opened);
                } catch (SQLException e) {
                    opened.close();
                    throw e;
                }
                if (attempt > 1) {
                    log.info("Connected to {} on attempt {}", settings.safeUrl(), attempt);
                }
                return opened;
            } catch (SQLException e) {
                SQLException clean = settings.scrub(e);
                if (isAuthFailure(e)) {
                    throw new ConnectException(signInMessage(clean), clean);
                }
                last = clean;
                if (attempt < settings.attempts()) {
                    log.warn("Could not connect to {} (attempt {} of {}), retrying in {} ms: {}", settings.safeUrl(),
                            attempt, settings.attempts(), settings.backoffMs(), clean.getMessage());
                    try {
                        sleeper.sleep(settings.backoffMs());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new ConnectException("Interrupted while waiting to reconnect to " + settings.safeUrl(),
                                clean);
                    }
                }
            }
        }
        throw new ConnectException("Could not connect to the database at " + settings.safeUrl() + " as "
                + userDescription() + " after " + settings.attempts() + " attempt(s) " + settings.backoffMs()
                + " ms apart (connection.attempts, connection.backoff.ms): " + Sentences.end(last.getMessage())
                + " Check that the "
                + "database is running and reachable from the worker at that host and port.", last);
    }

    private String signInMessage(SQLException clean) {
        return "The database at " + settings.safeUrl() + " refused " + userDescription() + ": "
                + Sentences.end(clean.getMessage()) + " Check connection.user and connection.password (a reference such as "
                + "${env:DB_PASSWORD} is resolved from the worker's environment or files, on every worker).";
    }

    /** The user as the message should name it: connection.user, or the URL's, where a driver takes it from then. */
    private String userDescription() {
        return settings.user() != null ? "user '" + settings.user() + "'" : "the user the URL names";
    }

    static boolean isAuthFailure(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ((s.getSQLState() != null && AUTH_STATES.contains(s.getSQLState()))
                    || AUTH_CODES.contains(s.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the connection to {} failed: {}", settings.safeUrl(),
                        settings.scrub(e.getMessage()));
            }
            connection = null;
        }
    }

    /** Waits between attempts; a seam so tests do not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }
}

package dev.ferry.jdbc.sink;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which database errors are worth retrying: a lost or refused connection, a deadlock or serialization failure, a
 * lock or statement timeout, a server shutting down or out of resources. Everything else (constraint violations,
 * values the column refuses, missing columns) fails the same way again, so the sink does not retry it but looks for
 * the records that cause it.
 */
final class SqlErrors {
    /** SQLState classes of passing trouble: 08 connection, 40 transaction rollback, 53 resources, HYT timeouts. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "HY");
    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now, lock not available, query canceled. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "55P03", "57014");
    /** MySQL/MariaDB: lock wait timeout, deadlock, server gone away, lost connection. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 2006, 2013);

    /** Undefined table or column (PostgreSQL, ANSI/MySQL states; MySQL codes): the cached table view is stale. */
    private static final Set<String> STALE_STATES = Set.of("42P01", "42703", "42S02", "42S22");
    private static final Set<Integer> STALE_CODES = Set.of(1146, 1054);

    private SqlErrors() {
    }

    /**
     * Whether the error says the table or a column the statement names is not there: someone dropped or renamed it
     * since the sink read the table. Worth a retry, which reads the table again (and, with auto.create or
     * auto.evolve, makes it fit again).
     */
    static boolean isStaleTable(Throwable error) {
        return anyInChain(error, s -> (s.getSQLState() != null && STALE_STATES.contains(s.getSQLState()))
                || STALE_CODES.contains(s.getErrorCode()));
    }

    /**
     * Whether the error is about the statement rather than a row's values (syntax or access rule, feature not
     * supported: SQLState classes 42 and 0A), so that every row would fail the same way and none is to blame.
     */
    static boolean isStatementProblem(Throwable error) {
        return anyInChain(error, s -> s.getSQLState() != null
                && (s.getSQLState().startsWith("42") || s.getSQLState().startsWith("0A")));
    }

    private static boolean anyInChain(Throwable error, java.util.function.Predicate<SQLException> test) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (test.test(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isTransient(Throwable error) {
        return anyInChain(error, SqlErrors::isTransientOne);
    }

    /** Whether retrying the put may succeed: a passing error, or a table changed under the sink. */
    static boolean isRetriable(Throwable error) {
        return isTransient(error) || isStaleTable(error);
    }

    private static boolean isTransientOne(SQLException s) {
        if (s instanceof SQLTransientException || s instanceof SQLRecoverableException) {
            return true;
        }
        String state = s.getSQLState();
        if (state != null && state.length() >= 2) {
            if (TRANSIENT_STATES.contains(state)) {
                return true;
            }
            String cls = state.substring(0, 2);
            if (TRANSIENT_CLASSES.contains(cls) && !(cls.equals("HY") && !state.startsWith("HYT"))) {
                return true;
            }
        }
        return TRANSIENT_CODES.contains(s.getErrorCode());
    }

    /**
     * The messages of an error and what it chains: a batch error hides the database's reason in the next one, and
     * its own message may spell out the failed statement with the row's values, so it is left out when a reason
     * follows.
     */
    static String describe(SQLException e) {
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (SQLException s = e; s != null && n < 5; s = s.getNextException(), n++) {
            if (s instanceof java.sql.BatchUpdateException && s.getNextException() != null) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(s.getMessage());
            if (s.getSQLState() != null) {
                text.append(" (SQLState ").append(s.getSQLState()).append(')');
            }
        }
        return text.toString();
    }
}

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

    private SqlErrors() {
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (isTransientOne(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
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

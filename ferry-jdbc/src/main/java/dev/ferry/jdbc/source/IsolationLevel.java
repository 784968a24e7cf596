package dev.ferry.jdbc.source;

import java.sql.Connection;
import java.util.Arrays;

/** The values of {@code transaction.isolation.mode} and the JDBC level each sets ({@code -1}: leave the default). */
enum IsolationLevel {
    DEFAULT(-1),
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE),
    /** Microsoft's driver's {@code SQLServerConnection.TRANSACTION_SNAPSHOT}. */
    SQL_SERVER_SNAPSHOT(0x1000);

    final int jdbcLevel;

    IsolationLevel(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}

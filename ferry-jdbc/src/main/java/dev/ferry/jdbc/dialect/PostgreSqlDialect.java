package dev.ferry.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL: double-quoted identifiers folded to lower case when unquoted, tables named {@code schema.table}
 * (unqualified names resolve in the connection's {@code search_path}), and rows that stream only inside a
 * transaction, so {@link #streamingQuery} turns auto-commit off.
 */
public final class PostgreSqlDialect extends Dialect {
    public static final String NAME = "PostgreSqlDatabaseDialect";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> subprotocols() {
        return Set.of("postgresql", "pgsql");
    }

    @Override
    protected Set<String> systemSchemas() {
        return Set.of("information_schema", "pg_catalog", "pg_toast");
    }

    @Override
    public PreparedStatement streamingQuery(Connection connection, String sql, int fetchSize) throws SQLException {
        // pgjdbc reads the whole result into memory unless a cursor is open, which needs a transaction
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        return super.streamingQuery(connection, sql, fetchSize);
    }
}

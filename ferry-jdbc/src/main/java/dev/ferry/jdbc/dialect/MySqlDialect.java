package dev.ferry.jdbc.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL and MariaDB (one dialect, as in Confluent's connector): backtick-quoted identifiers, databases that are
 * JDBC catalogs (so {@code db.table} names a catalog and a table), and the database clock read in UTC.
 *
 * <p>Streaming differs by driver: MariaDB Connector/J streams with any positive fetch size; MySQL Connector/J
 * streams row by row only with a fetch size of {@link Integer#MIN_VALUE} unless the URL sets {@code useCursorFetch},
 * so {@link #streamingQuery} asks the driver's name.
 */
public final class MySqlDialect extends Dialect {
    public static final String NAME = "MySqlDatabaseDialect";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> subprotocols() {
        return Set.of("mysql", "mariadb");
    }

    @Override
    protected char quoteChar() {
        return '`';
    }

    @Override
    public boolean catalogsAreDatabases() {
        return true;
    }

    @Override
    protected Set<String> systemSchemas() {
        return Set.of("information_schema", "mysql", "performance_schema", "sys");
    }

    @Override
    protected String currentTimestampQuery() {
        return "SELECT UTC_TIMESTAMP(6)";
    }

    @Override
    public PreparedStatement streamingQuery(Connection connection, String sql, int fetchSize) throws SQLException {
        String driver = connection.getMetaData().getDriverName().toLowerCase(Locale.ROOT);
        String url = connection.getMetaData().getURL().toLowerCase(Locale.ROOT);
        boolean connectorJ = driver.contains("mysql") && !driver.contains("mariadb");
        if (connectorJ && !url.contains("usecursorfetch=true")) {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(Integer.MIN_VALUE);
            return statement;
        }
        return super.streamingQuery(connection, sql, fetchSize);
    }
}

package dev.ferry.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real database server a test started for itself ({@link PostgresServer}, {@link MariaDbServer}): one user with a
 * password, reached over TCP on loopback, gone after {@link #close()}. The JDBC driver for its URL must be on the
 * test's class path.
 */
public interface DatabaseServer extends AutoCloseable {

    /** A URL for the server's default database (PostgreSQL's {@code postgres}, MariaDB's {@code test}). */
    String jdbcUrl();

    /** A URL for another database on the same server, made with {@link #createDatabase}. */
    String jdbcUrl(String database);

    String user();

    String password();

    int port();

    /** Makes an empty database (MariaDB: a schema) the test's user owns. */
    void createDatabase(String name) throws SQLException;

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /** Runs each statement in its own transaction (auto-commit). */
    default void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    /** The rows of a query, each as its columns' {@code getObject} values in order. */
    default List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The server's own log, for assertion messages. */
    String logText();

    @Override
    void close() throws Exception;
}

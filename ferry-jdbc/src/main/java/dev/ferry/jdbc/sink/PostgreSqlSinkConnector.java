package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import java.util.HashMap;
import java.util.Map;

/**
 * The JDBC sink for PostgreSQL: {@link JdbcSinkConnector} with {@code dialect.name} pinned to
 * {@value PostgreSqlDialect#NAME}, so a connector config names the database by class and needs no dialect setting.
 */
public class PostgreSqlSinkConnector extends JdbcSinkConnector {

    @Override
    Map<String, String> pinned(Map<String, String> props) {
        Map<String, String> pinned = new HashMap<>(props);
        pinned.put(ConnectionConfig.DIALECT_NAME_CONFIG, PostgreSqlDialect.NAME);
        return pinned;
    }
}

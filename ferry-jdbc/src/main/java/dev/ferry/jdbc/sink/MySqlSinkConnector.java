package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.dialect.MySqlDialect;
import java.util.HashMap;
import java.util.Map;

/**
 * The JDBC sink for MySQL: {@link JdbcSinkConnector} with {@code dialect.name} pinned to
 * {@value MySqlDialect#NAME}, so a connector config names the database by class and needs no dialect setting.
 */
public class MySqlSinkConnector extends JdbcSinkConnector {

    @Override
    Map<String, String> pinned(Map<String, String> props) {
        Map<String, String> pinned = new HashMap<>(props);
        pinned.put(ConnectionConfig.DIALECT_NAME_CONFIG, MySqlDialect.NAME);
        return pinned;
    }
}

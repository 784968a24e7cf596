package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.MySqlDialect;

/**
 * The JDBC source connector for MariaDB: {@link JdbcSourceConnector} with {@code dialect.name} fixed to
 * {@value MySqlDialect#NAME}, reachable by its short name ({@code "connector.class": "MariaDbSourceConnector"}).
 */
public class MariaDbSourceConnector extends JdbcSourceConnector {

    @Override
    protected String pinnedDialect() {
        return MySqlDialect.NAME;
    }
}

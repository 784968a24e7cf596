package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.MySqlDialect;

/**
 * The JDBC source connector for MySQL: {@link JdbcSourceConnector} with {@code dialect.name} fixed to
 * {@value MySqlDialect#NAME}, reachable by its short name ({@code "connector.class": "MySqlSourceConnector"}).
 */
public class MySqlSourceConnector extends JdbcSourceConnector {

    @Override
    protected String pinnedDialect() {
        return MySqlDialect.NAME;
    }
}

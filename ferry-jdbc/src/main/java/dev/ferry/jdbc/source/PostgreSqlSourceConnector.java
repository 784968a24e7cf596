package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.PostgreSqlDialect;

/**
 * The JDBC source connector for PostgreSQL: {@link JdbcSourceConnector} with {@code dialect.name} fixed to
 * {@value PostgreSqlDialect#NAME}, reachable by its short name ({@code "connector.class": "PostgreSqlSourceConnector"}).
 */
public class PostgreSqlSourceConnector extends JdbcSourceConnector {

    @Override
    protected String pinnedDialect() {
        return PostgreSqlDialect.NAME;
    }
}

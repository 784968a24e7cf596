package dev.ferry.jdbc.dialect;

import java.util.Set;

/**
 * Any database with a JDBC driver and ANSI SQL: double-quoted identifiers, {@code CURRENT_TIMESTAMP}, metadata from
 * the driver. Chosen when no other dialect claims the URL's sub-protocol.
 */
public final class GenericDialect extends Dialect {
    public static final String NAME = "GenericDatabaseDialect";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> subprotocols() {
        return Set.of();
    }
}

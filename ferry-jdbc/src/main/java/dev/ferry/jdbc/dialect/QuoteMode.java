package dev.ferry.jdbc.dialect;

import java.util.Locale;

/**
 * Whether identifiers are quoted in the SQL the connectors write ({@code quote.sql.identifiers}). Quoted names keep
 * their case and may hold spaces, quotes and keywords; unquoted names follow the database's folding rules
 * (PostgreSQL folds to lower case), which is what a user who created tables without quotes may rely on.
 */
public enum QuoteMode {
    ALWAYS, NEVER;

    public static QuoteMode parse(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}

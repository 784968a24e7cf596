package dev.ferry.jdbc.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A table's name as the database's metadata gives it: catalog and schema may be absent (MySQL and MariaDB name a
 * database as the catalog and have no schema; PostgreSQL has a schema). Parts are kept unquoted and exact; quoting
 * is the dialect's job ({@link Dialect#qualified(TableId, QuoteMode)}).
 */
public record TableId(String catalog, String schema, String table) {

    public TableId {
        Objects.requireNonNull(table, "table");
        catalog = blankToNull(catalog);
        schema = blankToNull(schema);
    }

    public static TableId of(String table) {
        return new TableId(null, null, table);
    }

    /**
     * The present parts joined by dots, unquoted: the name Confluent's connector writes into source partitions and
     * accepts in table lists ({@code catalog.schema.table}, {@code schema.table} or {@code table}).
     */
    public String qualifiedName() {
        StringJoiner name = new StringJoiner(".");
        if (catalog != null) {
            name.add(catalog);
        }
        if (schema != null) {
            name.add(schema);
        }
        return name.add(table).toString();
    }

    /**
     * Reads {@code table}, {@code schema.table} or {@code catalog.schema.table}; a part may be quoted with double
     * quotes or backticks (then it may hold dots, and a doubled quote stands for one). With two parts the first is
     * the schema, unless {@code twoPartsMeanCatalog} (MySQL, whose databases are catalogs).
     */
    public static TableId parse(String text, boolean twoPartsMeanCatalog) {
        List<String> parts = split(text.strip());
        return switch (parts.size()) {
            case 1 -> of(parts.get(0));
            case 2 -> twoPartsMeanCatalog ? new TableId(parts.get(0), null, parts.get(1))
                    : new TableId(null, parts.get(0), parts.get(1));
            case 3 -> new TableId(parts.get(0), parts.get(1), parts.get(2));
            default -> throw new IllegalArgumentException("'" + text + "' is not a table name: expected table, "
                    + "schema.table or catalog.schema.table (quote a part that holds a dot: \"my.table\")");
        };
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    part.append(c);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    part.append(c);
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("'" + text + "' has an unclosed " + quote + " quote");
        }
        parts.add(part.toString());
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + text + "' has an empty part; expected table, schema.table or "
                    + "catalog.schema.table");
        }
        return parts;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}

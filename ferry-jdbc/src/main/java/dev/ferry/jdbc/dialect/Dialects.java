package dev.ferry.jdbc.dialect;

import java.util.List;
import java.util.Locale;

/**
 * The dialects Ferry has, and which one a connector uses: the one {@code dialect.name} names, else the one whose
 * sub-protocol the connection URL has, else {@link GenericDialect}.
 */
public final class Dialects {

    private static final List<Dialect> ALL = List.of(new PostgreSqlDialect(), new MySqlDialect(), new GenericDialect());

    private Dialects() {
    }

    /** The names {@code dialect.name} accepts ("" means: from the URL). */
    public static List<String> names() {
        return ALL.stream().map(Dialect::name).toList();
    }

    /** The dialect for a connector: by {@code dialectName} when not blank, else from the URL. */
    public static Dialect choose(String dialectName, String url) {
        if (dialectName != null && !dialectName.isBlank()) {
            return named(dialectName);
        }
        return forUrl(url);
    }

    public static Dialect named(String name) {
        return ALL.stream().filter(d -> d.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dialect.name '" + name + "' is not a dialect Ferry "
                        + "has; use one of " + String.join(", ", names()) + ", or leave it empty to choose by "
                        + "connection.url (other databases work with " + GenericDialect.NAME + ")"));
    }

    /** The dialect whose sub-protocol {@code jdbc:<subprotocol>:...} the URL has, else the generic one. */
    public static Dialect forUrl(String url) {
        String subprotocol = subprotocol(url);
        return ALL.stream().filter(d -> d.subprotocols().contains(subprotocol)).findFirst()
                .orElse(ALL.get(ALL.size() - 1));
    }

    /** {@code postgresql} of {@code jdbc:postgresql://host/db}; "" if the URL is not a JDBC URL. */
    public static String subprotocol(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return "";
        }
        int end = url.indexOf(':', 5);
        return end < 0 ? "" : url.substring(5, end).toLowerCase(Locale.ROOT);
    }
}

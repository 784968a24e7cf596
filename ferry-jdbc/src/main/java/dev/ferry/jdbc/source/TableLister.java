package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import dev.ferry.jdbc.dialect.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the tables the source reads: the dialect's listing narrowed by {@code catalog.pattern},
 * {@code schema.pattern} and {@code table.types}, then by the {@link TableFilter}, in a stable order (so that task
 * assignments do not change while the tables do not). On MySQL and MariaDB an unset {@code catalog.pattern} means
 * the database the connection URL names (every database when it names none).
 */
final class TableLister {

    private final Dialect dialect;
    private final String catalogPattern;
    private final String schemaPattern;
    private final List<String> tableTypes;
    private final TableFilter filter;

    TableLister(Dialect dialect, String catalogPattern, String schemaPattern, List<String> tableTypes,
                TableFilter filter) {
        this.dialect = dialect;
        this.catalogPattern = catalogPattern;
        this.schemaPattern = schemaPattern;
        this.tableTypes = tableTypes;
        this.filter = filter;
    }

    static TableLister of(JdbcSourceConfig config, Dialect dialect) {
        return new TableLister(dialect, config.catalogPattern(), config.schemaPattern(), config.tableTypes(),
                TableFilter.of(config, dialect));
    }

    /** Every table the patterns and types let through, before the name filter. */
    List<TableId> all(Connection connection) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        String catalogs = catalogPattern;
        if (catalogs == null && dialect.catalogsAreDatabases()) {
            // MySQL/MariaDB: the database the URL names, as MySQL Connector/J 5 did (nullCatalogMeansCurrent); newer
            // drivers would list every database on the server and a bare table name would match in each
            catalogs = connection.getCatalog();
        }
        for (TableId table : dialect.tables(connection, catalogs, schemaPattern, tableTypes)) {
            tables.add(normalize(dialect, table));
        }
        tables.sort(Comparator.comparing(TableId::qualifiedName));
        return tables;
    }

    List<TableId> selected(Connection connection) throws SQLException {
        return filter.apply(all(connection));
    }

    TableFilter filter() {
        return filter;
    }

    /**
     * PostgreSQL's driver reports the connected database as every table's catalog (since pgjdbc 42.7.5); it adds
     * nothing (a connection sees one database) and Confluent's connector drops it, so partition names stay
     * {@code schema.table}.
     */
    static TableId normalize(Dialect dialect, TableId table) {
        if (dialect instanceof PostgreSqlDialect && table.catalog() != null) {
            return new TableId(null, table.schema(), table.table());
        }
        return table;
    }

    String describe() {
        return filter.describe() + " (catalog.pattern=" + catalogPattern + ", schema.pattern=" + schemaPattern
                + ", table.types=" + tableTypes + ")";
    }
}

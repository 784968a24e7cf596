package dev.ferry.jdbc.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

/**
 * What the source and the sink share about one kind of database: how identifiers are quoted, how tables are named
 * and listed, how a table's columns and primary key are read, how a query streams its rows, and the database's
 * clock. Column types are not here: each side keeps its own registry of small per-type classes keyed by the
 * dialect ({@link #name()}), because reading a column into Connect and writing Connect into a column share no code.
 *
 * <p>Instances are stateless and shared; {@link Dialects} picks one from the connection URL or {@code dialect.name}.
 */
public abstract class Dialect {

    /** The name {@code dialect.name} takes, Confluent's ({@code PostgreSqlDatabaseDialect}). */
    public abstract String name();

    /** The JDBC sub-protocols this dialect is chosen for ({@code postgresql} in {@code jdbc:postgresql://...}). */
    public abstract Set<String> subprotocols();

    /** The character that opens and closes a quoted identifier. */
    protected char quoteChar() {
        return '"';
    }

    /** Whether {@code a.b} names a catalog and a table (MySQL: databases are catalogs) rather than a schema and a table. */
    public boolean catalogsAreDatabases() {
        return false;
    }

    /** Schemas (or catalogs) that hold the database's own tables, never listed as user tables. */
    protected Set<String> systemSchemas() {
        return Set.of("information_schema");
    }

    /** The identifier as SQL: quoted (inner quotes doubled) with {@link QuoteMode#ALWAYS}, as is with NEVER. */
    public String quote(String identifier, QuoteMode mode) {
        if (mode == QuoteMode.NEVER) {
            return identifier;
        }
        String q = String.valueOf(quoteChar());
        return q + identifier.replace(q, q + q) + q;
    }

    /** The table's name as SQL, each present part quoted per {@code mode}. */
    public String qualified(TableId table, QuoteMode mode) {
        StringBuilder sql = new StringBuilder();
        if (table.catalog() != null) {
            sql.append(quote(table.catalog(), mode)).append('.');
        }
        if (table.schema() != null) {
            sql.append(quote(table.schema(), mode)).append('.');
        }
        return sql.append(quote(table.table(), mode)).toString();
    }

    /** Reads a table name the way this database's users write it ({@link TableId#parse}). */
    public TableId parseTableId(String text) {
        return TableId.parse(text, catalogsAreDatabases());
    }

    /**
     * The user tables the connection sees, of the given types ({@code TABLE}, {@code VIEW}, ...), filtered by the
     * JDBC patterns ({@code null} matches all), without the database's system schemas.
     */
    public List<TableId> tables(Connection connection, String catalogPattern, String schemaPattern,
                                Collection<String> tableTypes) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String[] types = tableTypes.isEmpty() ? null
                : tableTypes.stream().map(t -> t.strip().toUpperCase(Locale.ROOT)).toArray(String[]::new);
        List<TableId> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(catalogPattern, schemaPattern, "%", types)) {
            while (rows.next()) {
                TableId id = new TableId(rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                        rows.getString("TABLE_NAME"));
                String container = id.schema() != null ? id.schema() : id.catalog();
                if (container == null || !isSystemSchema(container)) {
                    tables.add(id);
                }
            }
        }
        return tables;
    }

    private boolean isSystemSchema(String name) {
        return systemSchemas().contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The table {@code wanted} names, as the database spells it: an exact match first, then the only match that
     * differs in case (a user who wrote {@code Users} for PostgreSQL's {@code users}). A name without a schema or
     * catalog is looked for in the connection's current one first. Empty if there is no such table, or if the name
     * is ambiguous (then the caller's error should ask for a qualified name).
     */
    public Optional<TableId> find(Connection connection, TableId wanted) throws SQLException {
        List<TableId> candidates = new ArrayList<>();
        DatabaseMetaData metadata = connection.getMetaData();
        String catalog = wanted.catalog();
        String schema = wanted.schema();
        if (catalog == null && schema == null) {
            if (catalogsAreDatabases()) {
                catalog = connection.getCatalog();
            } else {
                schema = currentSchema(connection);
            }
        }
        try (ResultSet rows = metadata.getTables(catalog, schema, null, null)) {
            while (rows.next()) {
                candidates.add(new TableId(rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                        rows.getString("TABLE_NAME")));
            }
        }
        Optional<TableId> match = pick(candidates, wanted.table());
        if (match.isEmpty() && wanted.catalog() == null && wanted.schema() == null) {
            // not in the current schema: anywhere, if it is there only once
            candidates.clear();
            try (ResultSet rows = metadata.getTables(null, null, null, null)) {
                while (rows.next()) {
                    TableId id = new TableId(rows.getString("TABLE_CAT"), rows.getString("TABLE_SCHEM"),
                            rows.getString("TABLE_NAME"));
                    String container = id.schema() != null ? id.schema() : id.catalog();
                    if (container == null || !isSystemSchema(container)) {
                        candidates.add(id);
                    }
                }
            }
            match = pick(candidates, wanted.table());
        }
        return match;
    }

    private static Optional<TableId> pick(List<TableId> candidates, String table) {
        List<TableId> exact = candidates.stream().filter(t -> t.table().equals(table)).toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        if (exact.size() > 1) {
            return Optional.empty();
        }
        List<TableId> folded = candidates.stream().filter(t -> t.table().equalsIgnoreCase(table)).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    /** The schema unqualified names resolve in; null where the driver does not say. */
    protected String currentSchema(Connection connection) throws SQLException {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError unsupported) {
            return null;
        }
    }

    /** The table's columns in their order, keyed by name; empty if the table does not exist. */
    public Map<String, ColumnInfo> columns(Connection connection, TableId table) throws SQLException {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet rows = metadata.getColumns(table.catalog(), table.schema(), escape(metadata, table.table()),
                null)) {
            while (rows.next()) {
                if (!table.table().equals(rows.getString("TABLE_NAME"))) {
                    continue; // a LIKE pattern that escaping could not pin down (drivers differ)
                }
                String name = rows.getString("COLUMN_NAME");
                columns.put(name, new ColumnInfo(name, rows.getInt("DATA_TYPE"), rows.getString("TYPE_NAME"),
                        rows.getInt("COLUMN_SIZE"), rows.getInt("DECIMAL_DIGITS"),
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        "YES".equalsIgnoreCase(rows.getString("IS_AUTOINCREMENT")), rows.getString("COLUMN_DEF")));
            }
        }
        return columns;
    }

    /** The table's primary-key columns in key order; empty if it has none. */
    public List<String> primaryKey(Connection connection, TableId table) throws SQLException {
        Map<Integer, String> byPosition = new java.util.TreeMap<>();
        try (ResultSet rows = connection.getMetaData().getPrimaryKeys(table.catalog(), table.schema(), table.table())) {
            while (rows.next()) {
                byPosition.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(byPosition.values());
    }

    private static String escape(DatabaseMetaData metadata, String name) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /**
     * A query whose rows come from the database {@code fetchSize} at a time instead of all at once, which the
     * drivers do only under conditions of their own (PostgreSQL: inside a transaction, so this turns auto-commit off
     * and the caller ends the transaction when it has read the rows).
     */
    public PreparedStatement streamingQuery(Connection connection, String sql, int fetchSize) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return statement;
    }

    /** SQL that answers one row, one column: the database's current time. */
    protected String currentTimestampQuery() {
        return "SELECT CURRENT_TIMESTAMP";
    }

    /** The database's clock now, read as an instant (the session's zone does not shift it: read with a UTC calendar). */
    public Timestamp currentTimestamp(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(currentTimestampQuery())) {
            if (!row.next()) {
                throw new SQLException("'" + currentTimestampQuery() + "' answered no row");
            }
            return row.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        }
    }

    /** Called once on every new connection, before it is used (session settings). */
    public void onConnect(Connection connection) throws SQLException {
    }

    @Override
    public String toString() {
        return name();
    }
}

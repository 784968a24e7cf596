package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.TableId;
import dev.ferry.jdbc.sink.sql.ColumnSpec;
import dev.ferry.jdbc.sink.sql.SinkSql;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the destination tables and makes them fit the records: reads a table's columns once and keeps them,
 * creates a missing table ({@code auto.create}) and adds missing columns ({@code auto.evolve}), never dropping or
 * changing one. Another task may be doing the same at the same moment, so a failed {@code CREATE} or
 * {@code ALTER} is followed by a fresh look before it counts as an error.
 *
 * <p>DDL runs at the start of a {@code put}, before any row is written, and is committed at once (MySQL commits
 * DDL implicitly anyway): the rows of the put are then written in a transaction of their own. Single-threaded: the
 * task's thread.
 */
final class TableManager {
    private static final Logger log = LoggerFactory.getLogger(TableManager.class);

    private final JdbcSinkConfig config;
    private final Dialect dialect;
    private final FieldWriters writers;
    private final SinkSql sql;
    private final Map<TableId, TableState> known = new HashMap<>();
    /** The connection's database (MySQL) or schema unqualified table names are in; "" if the driver cannot say. */
    private String home;

    TableManager(JdbcSinkConfig config, FieldWriters writers, SinkSql sql) {
        this.config = config;
        this.dialect = config.dialect;
        this.writers = writers;
        this.sql = sql;
    }

    /** The table {@code wanted} names as last read, reading it if not known; empty if it does not exist. */
    Optional<TableState> find(Connection connection, TableId wanted) throws SQLException {
        TableState state = known.get(wanted);
        if (state == null) {
            state = read(connection, wanted);
            if (state != null) {
                known.put(wanted, state);
            }
        }
        return Optional.ofNullable(state);
    }

    /** Forgets everything read, e.g. after a failed transaction whose DDL may have been rolled back. */
    void forgetAll() {
        known.clear();
    }

    /**
     * The table, created or given the layout's missing columns if the settings allow.
     *
     * @throws TableMismatchException if the table does not fit and may not be changed
     * @throws SQLException if the database fails the DDL (for another reason than another task's same change)
     */
    TableState ensure(Connection connection, TableId wanted, RecordLayout layout) throws SQLException {
        Optional<TableState> found = find(connection, wanted);
        if (found.isEmpty()) {
            return create(connection, wanted, layout);
        }
        TableState table = found.get();
        checkType(table);
        List<FieldColumn> missing = missing(table, layout);
        if (missing.isEmpty()) {
            return table;
        }
        // the cached view may be stale (another task, or the user, added the columns): look again first
        table = reread(connection, wanted);
        missing = missing(table, layout);
        if (missing.isEmpty()) {
            return table;
        }
        return evolve(connection, wanted, table, missing);
    }

    private TableState create(Connection connection, TableId wanted, RecordLayout layout) throws SQLException {
        if (!config.autoCreate) {
            throw new TableMismatchException("Table " + wanted + " does not exist and auto.create is false: create "
                    + "the table, set auto.create=true, or point table.name.format (now '" + config.tableNameFormat
                    + "') at an existing table");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        for (FieldColumn column : layout.allColumns()) {
            specs.add(spec(column));
            if (column.key()) {
                primaryKey.add(column.name());
            }
        }
        String ddl = sql.createTable(wanted, specs, primaryKey);
        log.info("Creating table {}: {}", wanted, ddl);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(ddl);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            TableState raced = read(connection, wanted);
            if (raced == null) {
                throw e;
            }
            log.info("Table {} was created meanwhile by someone else", wanted);
            known.put(wanted, raced);
            return ensure(connection, wanted, layout);
        }
        return reread(connection, wanted);
    }

    private TableState evolve(Connection connection, TableId wanted, TableState table, List<FieldColumn> missing)
            throws SQLException {
        List<String> names = missing.stream().map(FieldColumn::name).toList();
        if (!table.type().equals("TABLE") && !table.type().equals("PARTITIONED TABLE")) {
            throw new TableMismatchException(table.type() + " " + table.id() + " has no column(s) " + names
                    + " the records have, and the sink never alters a " + table.type() + ": change its definition, "
                    + "or leave the fields out with fields.whitelist");
        }
        for (FieldColumn column : missing) {
            if (!column.optional() && column.schema().defaultValue() == null) {
                throw new TableMismatchException("Table " + table.id() + " has no column '" + column.name()
                        + "', and it cannot be added: the field is required and has no default, so the table's "
                        + "existing rows would have no value for it. Make the field optional or give it a default "
                        + "in the record schema, or add the column yourself");
            }
        }
        if (!config.autoEvolve) {
            throw new TableMismatchException("Table " + table.id() + " has no column(s) " + names + " the records "
                    + "have, and auto.evolve is false: add the columns, set auto.evolve=true, or leave the fields "
                    + "out with fields.whitelist");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (FieldColumn column : missing) {
            specs.add(spec(column));
        }
        List<String> ddl = sql.addColumns(table.id(), specs);
        log.info("Adding column(s) {} to table {}: {}", names, table.id(), ddl);
        try (Statement statement = connection.createStatement()) {
            for (String alter : ddl) {
                statement.executeUpdate(alter);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            TableState now = reread(connection, wanted);
            if (!missing(now, new ArrayList<>(missing)).isEmpty()) {
                throw e;
            }
            log.info("Columns {} of table {} were added meanwhile by someone else", names, table.id());
            return now;
        }
        return reread(connection, wanted);
    }

    private List<FieldColumn> missing(TableState table, RecordLayout layout) {
        return missing(table, layout.allColumns());
    }

    private static List<FieldColumn> missing(TableState table, List<FieldColumn> columns) {
        return columns.stream().filter(c -> table.column(c.name()) == null).toList();
    }

    private void checkType(TableState table) {
        if (!config.tableTypes.contains(table.type())) {
            throw new TableMismatchException(table.id() + " is a " + table.type() + ", and table.types is "
                    + String.join(",", config.tableTypes) + ": add " + table.type() + " to table.types to write "
                    + "into it, or change table.name.format (now '" + config.tableNameFormat + "')");
        }
    }

    /** The DDL for one column: its type from the registry, a default from the schema, NULL unless required. */
    ColumnSpec spec(FieldColumn column) {
        ColumnWriter writer = writers.of(column);
        String type;
        try {
            type = writer.columnType(column.schema(), column.key());
        } catch (UnmappableTypeException e) {
            throw new UnmappableTypeException("field '" + column.name() + "': " + e.getMessage());
        }
        Object defaultValue = column.schema().defaultValue();
        String literal = defaultValue == null ? null : writer.literal(column.schema(), defaultValue);
        return new ColumnSpec(column.name(), type, literal, column.optional());
    }

    private TableState reread(Connection connection, TableId wanted) throws SQLException {
        known.remove(wanted);
        TableState state = read(connection, wanted);
        if (state == null) {
            throw new SQLException("Table " + wanted + " was not found right after it was created or altered");
        }
        known.put(wanted, state);
        return state;
    }

    private TableState read(Connection connection, TableId wanted) throws SQLException {
        Optional<TableId> id = dialect.find(connection, qualified(connection, wanted));
        if (id.isEmpty()) {
            return null;
        }
        TableId actual = id.get();
        if (!dialect.catalogsAreDatabases() && actual.catalog() != null
                && actual.catalog().equals(connection.getCatalog())) {
            // PostgreSQL names its database as the catalog: the connection's own, so SQL need not say it
            actual = new TableId(null, actual.schema(), actual.table());
        }
        Map<String, ColumnInfo> columns = dialect.columns(connection, actual);
        return new TableState(actual, type(connection, actual), columns);
    }

    /**
     * An unqualified name in the connection's own database (MySQL) or schema (others), so that a table of the same
     * name elsewhere on the server is never taken for it: the sink creates and writes tables where the connection
     * URL points.
     */
    private TableId qualified(Connection connection, TableId wanted) throws SQLException {
        if (wanted.catalog() != null || wanted.schema() != null) {
            return wanted;
        }
        if (home == null) {
            String container = dialect.catalogsAreDatabases() ? connection.getCatalog() : currentSchema(connection);
            home = container == null ? "" : container;
        }
        if (home.isEmpty()) {
            return wanted;
        }
        return dialect.catalogsAreDatabases() ? new TableId(home, null, wanted.table())
                : new TableId(null, home, wanted.table());
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static String type(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet rows = metadata.getTables(table.catalog(), table.schema(), table.table(), null)) {
            while (rows.next()) {
                if (table.table().equals(rows.getString("TABLE_NAME"))) {
                    String type = rows.getString("TABLE_TYPE");
                    return type == null ? "TABLE" : normalize(type);
                }
            }
        }
        return "TABLE";
    }

    /** JDBC type names vary by driver: MariaDB says "BASE TABLE", some say "SYSTEM TABLE". */
    private static String normalize(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (Set.of("BASE TABLE", "TABLE").contains(upper)) {
            return "TABLE";
        }
        return upper;
    }
}

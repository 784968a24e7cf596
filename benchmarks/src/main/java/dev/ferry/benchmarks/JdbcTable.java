package dev.ferry.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The benchmark's table: a typical narrow row of five {@code NOT NULL} columns (bigint key, text, numeric(12,2),
 * timestamp, int), what it looks like in Connect, and the SQL the ceilings run. The source connector maps these
 * columns to exactly {@link #SCHEMA} (int64, string, Decimal scale 2, Timestamp, int32, all required), so the
 * ceiling, which builds the same struct by hand, writes the same Avro bytes.
 */
final class JdbcTable {
    static final String SOURCE_TABLE = "bench_rows";

    static final String DDL_COLUMNS = "id bigint NOT NULL, name text NOT NULL, amount numeric(12,2) NOT NULL, "
            + "created timestamp NOT NULL, quantity int NOT NULL";

    static final String COLUMNS = "id, name, amount, created, quantity";

    /** The row as a Connect struct; the Decimal's precision is not part of the Avro bytes. */
    static final Schema SCHEMA = SchemaBuilder.struct().name(SOURCE_TABLE)
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("created", org.apache.kafka.connect.data.Timestamp.SCHEMA)
            .field("quantity", Schema.INT32_SCHEMA)
            .build();

    private JdbcTable() {
    }

    /** The ceiling's query in {@code bulk} mode: the whole table, as the connector reads it. */
    static String bulkQuery() {
        return "SELECT " + COLUMNS + " FROM " + SOURCE_TABLE;
    }

    /** The ceiling's query in {@code incrementing} mode: rows past the offset, in key order (one parameter). */
    static String incrementingQuery() {
        return "SELECT " + COLUMNS + " FROM " + SOURCE_TABLE + " WHERE id > ? ORDER BY id ASC";
    }

    /**
     * Creates {@link #SOURCE_TABLE} with {@code rows} rows made by the database itself (one
     * {@code INSERT ... SELECT generate_series}), keyed by {@code id} (the incrementing column), and analyzes it.
     * Returns the seconds it took.
     */
    static double load(String url, String user, String password, int rows) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SOURCE_TABLE);
            statement.execute("CREATE TABLE " + SOURCE_TABLE + " (" + DDL_COLUMNS + ", PRIMARY KEY (id))");
            statement.execute("INSERT INTO " + SOURCE_TABLE + " (" + COLUMNS + ") SELECT i, "
                    + "'customer-' || lpad(i::text, 9, '0') || ' benchmark row', "
                    + "round(((i * 7919) % 1000000) / 100.0 + 0.05, 2), "
                    + "timestamp '2026-01-01 00:00:00' + i * interval '1 millisecond', "
                    + "(i % 1000)::int FROM generate_series(1::bigint, " + rows + ") AS i");
            statement.execute("VACUUM ANALYZE " + SOURCE_TABLE);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Creates an empty table of the same columns without a key, for the sink ceiling (as auto.create makes one). */
    static void createSinkTable(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (" + DDL_COLUMNS.replace("numeric(12,2)", "numeric") + ")");
        }
    }

    /** Reads one row of the ceiling's result set into the struct the connector would build. */
    static Struct struct(ResultSet row, Calendar utc) throws SQLException {
        return new Struct(SCHEMA)
                .put("id", row.getLong(1))
                .put("name", row.getString(2))
                .put("amount", row.getBigDecimal(3))
                .put("created", new java.util.Date(row.getTimestamp(4, utc).getTime()))
                .put("quantity", row.getInt(5));
    }

    /** Binds a struct read back from the topic to the sink ceiling's insert. */
    static void bind(PreparedStatement insert, Struct value, Calendar utc) throws SQLException {
        insert.setLong(1, value.getInt64("id"));
        insert.setString(2, value.getString("name"));
        insert.setBigDecimal(3, (BigDecimal) value.get("amount"));
        insert.setTimestamp(4, new Timestamp(((java.util.Date) value.get("created")).getTime()), utc);
        insert.setInt(5, value.getInt32("quantity"));
    }

    static String insert(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    }

    static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /** The columns of a table as {@code name type [NOT NULL]}, to show what the sink's auto.create made. */
    static List<String> describe(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type, is_nullable "
                + "FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2)
                            + ("NO".equals(rows.getString(3)) ? " not null" : ""));
                }
            }
        }
        return columns;
    }
}

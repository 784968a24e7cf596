package dev.ferry.jdbc.sink.sql;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.MySqlDialect;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.dialect.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL the sink writes, for one dialect and quoting mode: {@code CREATE TABLE}, {@code ALTER TABLE ... ADD},
 * and the DML per insert mode. Parameter order is part of each method's contract, since the caller binds by
 * position: insert and upsert take the key columns' values, then the others; update the others, then the keys;
 * delete the keys.
 */
public final class SinkSql {
    private final Dialect dialect;
    private final QuoteMode quoteMode;
    private final Upsert upsert;

    public SinkSql(Dialect dialect, QuoteMode quoteMode) {
        this.dialect = dialect;
        this.quoteMode = quoteMode;
        this.upsert = switch (dialect.name()) {
            case PostgreSqlDialect.NAME -> new PostgreSqlUpsert();
            case MySqlDialect.NAME -> new MySqlUpsert();
            default -> new MergeUpsert();
        };
    }

    public String table(TableId table) {
        return dialect.qualified(table, quoteMode);
    }

    public String column(String name) {
        return dialect.quote(name, quoteMode);
    }

    public String createTable(TableId table, List<ColumnSpec> columns, List<String> primaryKey) {
        StringJoiner body = new StringJoiner(",\n  ", "(\n  ", "\n)");
        for (ColumnSpec c : columns) {
            body.add(columnDefinition(c));
        }
        if (!primaryKey.isEmpty()) {
            body.add("PRIMARY KEY (" + String.join(", ", primaryKey.stream().map(this::column).toList()) + ")");
        }
        return "CREATE TABLE " + table(table) + " " + body;
    }

    /** One {@code ALTER TABLE ... ADD} per column, so each succeeds or fails alone. */
    public List<String> addColumns(TableId table, List<ColumnSpec> columns) {
        List<String> statements = new ArrayList<>();
        for (ColumnSpec c : columns) {
            statements.add("ALTER TABLE " + table(table) + " ADD " + columnDefinition(c));
        }
        return statements;
    }

    private String columnDefinition(ColumnSpec c) {
        StringBuilder sql = new StringBuilder(column(c.name())).append(' ').append(c.type());
        if (c.defaultLiteral() != null) {
            sql.append(" DEFAULT ").append(c.defaultLiteral());
        }
        return sql.append(c.nullable() ? " NULL" : " NOT NULL").toString();
    }

    /** Parameters: every column's, in {@code columns} order. */
    public String insert(TableId table, List<String> columns, List<String> placeholders) {
        return "INSERT INTO " + table(table) + " (" + columnList(columns) + ") VALUES ("
                + String.join(", ", placeholders) + ")";
    }

    /** Parameters: the keys', then the others', as for {@link #insert}. */
    public String upsert(TableId table, List<String> keys, List<String> others, List<String> placeholders) {
        return upsert.sql(this, table, keys, others, placeholders);
    }

    /** Parameters: the others' (SET), then the keys' (WHERE). */
    public String update(TableId table, List<String> keys, List<String> others, List<String> keyPlaceholders,
                         List<String> otherPlaceholders) {
        StringJoiner set = new StringJoiner(", ");
        for (int i = 0; i < others.size(); i++) {
            set.add(column(others.get(i)) + " = " + otherPlaceholders.get(i));
        }
        return "UPDATE " + table(table) + " SET " + set + " WHERE " + keyCondition(keys, keyPlaceholders);
    }

    /** Parameters: the keys'. */
    public String delete(TableId table, List<String> keys, List<String> keyPlaceholders) {
        return "DELETE FROM " + table(table) + " WHERE " + keyCondition(keys, keyPlaceholders);
    }

    String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(this::column).toList());
    }

    private String keyCondition(List<String> keys, List<String> placeholders) {
        StringJoiner where = new StringJoiner(" AND ");
        for (int i = 0; i < keys.size(); i++) {
            where.add(column(keys.get(i)) + " = " + placeholders.get(i));
        }
        return where.toString();
    }
}

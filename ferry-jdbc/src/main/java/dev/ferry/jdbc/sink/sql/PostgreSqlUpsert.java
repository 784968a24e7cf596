package dev.ferry.jdbc.sink.sql;

import dev.ferry.jdbc.dialect.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL: {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET c = EXCLUDED.c}; {@code DO NOTHING} when every
 * column is a key column. Needs a unique index or primary key on exactly the key columns.
 */
final class PostgreSqlUpsert implements Upsert {

    @Override
    public String sql(SinkSql sql, TableId table, List<String> keys, List<String> others, List<String> placeholders) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(others);
        String insert = sql.insert(table, all, placeholders);
        if (others.isEmpty()) {
            return insert + " ON CONFLICT (" + sql.columnList(keys) + ") DO NOTHING";
        }
        StringJoiner set = new StringJoiner(", ");
        for (String c : others) {
            set.add(sql.column(c) + " = EXCLUDED." + sql.column(c));
        }
        return insert + " ON CONFLICT (" + sql.columnList(keys) + ") DO UPDATE SET " + set;
    }
}

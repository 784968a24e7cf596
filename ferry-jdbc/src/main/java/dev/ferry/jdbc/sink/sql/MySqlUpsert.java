package dev.ferry.jdbc.sink.sql;

import dev.ferry.jdbc.dialect.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * MySQL and MariaDB: {@code INSERT ... ON DUPLICATE KEY UPDATE c = VALUES(c)} (MariaDB and every MySQL version
 * accept {@code VALUES()}; MySQL 8.0.20+ merely warns). With only key columns, a key is set to itself so a
 * redelivered row is a no-op rather than an error.
 */
final class MySqlUpsert implements Upsert {

    @Override
    public String sql(SinkSql sql, TableId table, List<String> keys, List<String> others, List<String> placeholders) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(others);
        StringJoiner set = new StringJoiner(", ");
        for (String c : others.isEmpty() ? keys : others) {
            set.add(sql.column(c) + " = VALUES(" + sql.column(c) + ")");
        }
        return sql.insert(table, all, placeholders) + " ON DUPLICATE KEY UPDATE " + set;
    }
}

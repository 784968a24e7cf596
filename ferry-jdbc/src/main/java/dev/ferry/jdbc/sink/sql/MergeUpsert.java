package dev.ferry.jdbc.sink.sql;

import dev.ferry.jdbc.dialect.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * ANSI SQL:2003 {@code MERGE} for databases without a dialect of their own: the row as a one-row {@code VALUES}
 * source, matched on the key columns; matched rows get the other columns, unmatched ones are inserted.
 */
final class MergeUpsert implements Upsert {

    @Override
    public String sql(SinkSql sql, TableId table, List<String> keys, List<String> others, List<String> placeholders) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(others);
        StringJoiner on = new StringJoiner(" AND ");
        for (String k : keys) {
            on.add("t." + sql.column(k) + " = s." + sql.column(k));
        }
        StringJoiner sourceColumns = new StringJoiner(", ");
        for (String c : all) {
            sourceColumns.add("s." + sql.column(c));
        }
        StringBuilder merge = new StringBuilder("MERGE INTO ").append(sql.table(table)).append(" t USING (VALUES (")
                .append(String.join(", ", placeholders)).append(")) s (").append(sql.columnList(all))
                .append(") ON (").append(on).append(")");
        if (!others.isEmpty()) {
            StringJoiner set = new StringJoiner(", ");
            for (String c : others) {
                set.add(sql.column(c) + " = s." + sql.column(c));
            }
            merge.append(" WHEN MATCHED THEN UPDATE SET ").append(set);
        }
        return merge.append(" WHEN NOT MATCHED THEN INSERT (").append(sql.columnList(all)).append(") VALUES (")
                .append(sourceColumns).append(")").toString();
    }
}

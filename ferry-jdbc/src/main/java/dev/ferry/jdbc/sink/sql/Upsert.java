package dev.ferry.jdbc.sink.sql;

import dev.ferry.jdbc.dialect.TableId;
import java.util.List;

/** One database's statement that inserts a row or, when its primary key exists, replaces its other columns. */
interface Upsert {

    /**
     * The statement for {@code keys} and {@code others}; parameters are the keys' then the others', with
     * {@code placeholders} in that order.
     */
    String sql(SinkSql sql, TableId table, List<String> keys, List<String> others, List<String> placeholders);
}

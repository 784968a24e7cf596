package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.QuoteMode;
import dev.ferry.jdbc.dialect.TableId;
import org.apache.kafka.connect.util.ConnectorUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * How the connector hands tables to tasks: split into {@code min(tables, tasks.max)} groups of contiguous tables
 * (so there is never a task without a table), each written into the task's {@code tables} key as quoted qualified
 * names joined by commas (quoted, so that names holding dots or commas survive).
 */
final class TaskTables {

    private TaskTables() {
    }

    static List<List<TableId>> split(List<TableId> tables, int maxTasks) {
        if (tables.isEmpty()) {
            return List.of();
        }
        return ConnectorUtils.groupPartitions(tables, Math.min(tables.size(), Math.max(1, maxTasks)));
    }

    static String encode(Dialect dialect, List<TableId> tables) {
        List<String> names = new ArrayList<>(tables.size());
        for (TableId table : tables) {
            names.add(dialect.qualified(table, QuoteMode.ALWAYS));
        }
        return String.join(",", names);
    }

    static List<TableId> decode(Dialect dialect, String encoded) {
        List<TableId> tables = new ArrayList<>();
        if (encoded == null || encoded.isBlank()) {
            return tables;
        }
        StringBuilder name = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == ',') {
                tables.add(dialect.parseTableId(name.toString()));
                name.setLength(0);
                continue;
            }
            name.append(c);
        }
        tables.add(dialect.parseTableId(name.toString()));
        return tables;
    }
}

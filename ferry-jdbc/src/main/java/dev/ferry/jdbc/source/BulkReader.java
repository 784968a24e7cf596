package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.source.types.ColumnReaders;
import dev.ferry.jdbc.source.types.ReadOptions;

import org.apache.kafka.connect.data.Struct;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

/**
 * {@code mode=bulk}: every round selects every row. Records carry Confluent's bulk partition (the table's bare
 * name, or the query partition) and no offset, since there is no position to resume from.
 */
final class BulkReader extends TableReader {

    private final Map<String, String> partition;

    BulkReader(Dialect dialect, Source source, Map<String, String> partition, ColumnReaders types,
               ReadOptions options, int fetchSize) {
        super(dialect, source, types, options, fetchSize);
        this.partition = partition;
    }

    @Override
    protected String sql() {
        return source.baseSql() + (source.suffix().isEmpty() ? "" : " " + source.suffix());
    }

    @Override
    protected void bind(PreparedStatement statement, Connection connection) {
    }

    @Override
    protected Map<String, ?> partition() {
        return partition;
    }

    @Override
    protected Map<String, ?> offsetOf(ResultSet rows, Struct value) {
        return null;
    }
}

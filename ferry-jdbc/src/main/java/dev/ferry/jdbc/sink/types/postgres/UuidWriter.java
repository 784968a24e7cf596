package dev.ferry.jdbc.sink.types.postgres;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;

/** Debezium's {@code io.debezium.data.Uuid} (a string) into a PostgreSQL {@code uuid} column. */
final class UuidWriter implements ColumnWriter {
    static final String LOGICAL_NAME = "io.debezium.data.Uuid";

    @Override
    public String columnType(Schema schema, boolean key) {
        return "UUID";
    }

    @Override
    public String placeholder(ColumnInfo column) {
        return "?::uuid";
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        try {
            UUID.fromString((String) value);
        } catch (IllegalArgumentException e) {
            throw new UnmappableTypeException("'" + value + "' is not a UUID, as " + LOGICAL_NAME + " requires");
        }
        statement.setString(index, (String) value);
    }

    @Override
    public int nullType() {
        return Types.VARCHAR;
    }
}

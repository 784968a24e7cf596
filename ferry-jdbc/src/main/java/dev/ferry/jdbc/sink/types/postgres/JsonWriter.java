package dev.ferry.jdbc.sink.types.postgres;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Debezium's {@code io.debezium.data.Json} (a string holding JSON) into {@code json}, or {@code jsonb} when the
 * source column was one (Debezium's {@code column.propagate.source.type} puts that in the schema's parameters). The
 * parameter is cast, since PostgreSQL does not turn a text parameter into JSON by itself.
 */
final class JsonWriter implements ColumnWriter {
    static final String LOGICAL_NAME = "io.debezium.data.Json";
    private static final String SOURCE_TYPE_PARAMETER = "__debezium.source.column.type";

    @Override
    public String columnType(Schema schema, boolean key) {
        Map<String, String> parameters = schema.parameters() == null ? Map.of() : schema.parameters();
        return "JSONB".equalsIgnoreCase(parameters.get(SOURCE_TYPE_PARAMETER)) ? "JSONB" : "JSON";
    }

    @Override
    public String placeholder(ColumnInfo column) {
        if (column != null && column.typeName() != null) {
            String type = column.typeName().toLowerCase(Locale.ROOT);
            return type.equals("jsonb") ? "?::jsonb" : type.equals("json") ? "?::json" : "?";
        }
        return "?::json";
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setString(index, (String) value);
    }

    @Override
    public int nullType() {
        return Types.VARCHAR;
    }
}

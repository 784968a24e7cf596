package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import org.apache.kafka.connect.data.Schema;

/** Debezium's {@code io.debezium.time.Date}, an INT32 count of days since 1970-01-01, into a {@code date} column. */
public final class EpochDateWriter implements ColumnWriter {
    public static final String LOGICAL_NAME = "io.debezium.time.Date";

    @Override
    public String columnType(Schema schema, boolean key) {
        return "DATE";
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setObject(index, LocalDate.ofEpochDay(((Number) value).longValue()), Types.DATE);
    }

    @Override
    public int nullType() {
        return Types.DATE;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return "'" + LocalDate.ofEpochDay(((Number) value).longValue()) + "'";
    }
}

package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect Time (milliseconds since midnight, as a {@link java.util.Date} on 1970-01-01 UTC) into a {@code time}
 * column, read in {@code db.timezone} as Confluent does (with the default UTC: the time of day the value says).
 */
public final class TimeWriter implements ColumnWriter {
    private final String sqlType;
    private final TimeZones zones;

    public TimeWriter(String sqlType, TimeZones zones) {
        this.sqlType = sqlType;
        this.zones = zones;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setObject(index, time(value), Types.TIME);
    }

    private LocalTime time(Object value) {
        return ((java.util.Date) value).toInstant().atZone(zones.db()).toLocalTime();
    }

    @Override
    public int nullType() {
        return Types.TIME;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return "'" + time(value) + "'";
    }
}

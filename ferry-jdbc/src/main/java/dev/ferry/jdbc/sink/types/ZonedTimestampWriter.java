package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.data.Schema;

/**
 * Debezium's {@code io.debezium.time.ZonedTimestamp}, an ISO-8601 string with an offset: an instant. Into a column
 * with a zone ({@code timestamptz}) as that instant; into one without (MySQL {@code datetime(6)}) as its
 * wall-clock time in {@code db.timezone}.
 */
public final class ZonedTimestampWriter implements ColumnWriter {
    public static final String LOGICAL_NAME = "io.debezium.time.ZonedTimestamp";

    private final String sqlType;
    private final TimeZones zones;

    public ZonedTimestampWriter(String sqlType, TimeZones zones) {
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
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse((String) value);
        } catch (DateTimeParseException e) {
            throw new UnmappableTypeException("'" + value + "' is not an ISO-8601 timestamp with an offset, as "
                    + LOGICAL_NAME + " requires");
        }
        boolean zoned = column == null ? sqlType.toLowerCase().contains("tz") || sqlType.contains("ZONE")
                : TimestampWriter.hasZone(column);
        if (zoned) {
            statement.setObject(index, instant, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, instant.atZoneSameInstant(zones.db()).toLocalDateTime(), Types.TIMESTAMP);
        }
    }

    @Override
    public int nullType() {
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return null;
    }
}

package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect Timestamp (an instant with milliseconds) into a date-time column. A column without a zone
 * ({@code timestamp}, {@code datetime(3)}, the type auto-create declares, as Confluent's connector does) gets the
 * instant's wall-clock time in {@code db.timezone}; a column that has one (PostgreSQL {@code timestamptz}) gets the
 * instant itself, so the zone setting cannot shift it.
 */
public final class TimestampWriter implements ColumnWriter {
    private final String sqlType;
    private final TimeZones zones;

    public TimestampWriter(String sqlType, TimeZones zones) {
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
        Instant instant = ((java.util.Date) value).toInstant();
        if (hasZone(column)) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, zones.local(instant, zones.db()), Types.TIMESTAMP);
        }
    }

    /** Whether the column stores instants (PostgreSQL {@code timestamptz}, ANSI {@code timestamp with time zone}). */
    public static boolean hasZone(ColumnInfo column) {
        if (column == null) {
            return false;
        }
        String type = column.typeName() == null ? "" : column.typeName().toLowerCase(Locale.ROOT);
        return column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE || type.equals("timestamptz")
                || type.contains("with time zone");
    }

    @Override
    public int nullType() {
        return Types.TIMESTAMP;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return "'" + zones.local(((java.util.Date) value).toInstant(), zones.db()).toString().replace('T', ' ') + "'";
    }
}

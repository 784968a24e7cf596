package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect Date (a {@link java.util.Date} at midnight UTC of its day) into a {@code date} column: the calendar day
 * of that instant in {@link TimeZones#date()}, which is UTC unless {@code date.timezone=DB_TIMEZONE} and
 * {@code db.timezone} say otherwise (Confluent's behaviour, kept so existing tables get the same days), by the
 * calendar {@code date.calendar.system} names ({@link TimeZones#local}).
 */
public final class DateWriter implements ColumnWriter {
    private final TimeZones zones;

    public DateWriter(TimeZones zones) {
        this.zones = zones;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return "DATE";
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setObject(index, day(value), Types.DATE);
    }

    private LocalDate day(Object value) {
        return zones.local(((java.util.Date) value).toInstant(), zones.date()).toLocalDate();
    }

    @Override
    public int nullType() {
        return Types.DATE;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return "'" + day(value) + "'";
    }
}

package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.connect.data.Schema;

/**
 * A field named in {@code timestamp.fields.list}: an INT64, or a STRING of digits, counting microseconds or
 * nanoseconds ({@code timestamp.precision.mode}) since the epoch, written as a timestamp. Like a Connect
 * Timestamp, it is the instant's wall-clock time in {@code db.timezone} in a column without a zone, the instant in
 * one with a zone; the column keeps what its precision allows (PostgreSQL and MySQL: microseconds).
 */
public final class EpochInstantWriter implements ColumnWriter {
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private final ChronoUnit unit;
    private final String sqlType;
    private final TimeZones zones;

    public EpochInstantWriter(ChronoUnit unit, String sqlType, TimeZones zones) {
        if (unit != ChronoUnit.MICROS && unit != ChronoUnit.NANOS) {
            throw new IllegalArgumentException(unit.toString());
        }
        this.unit = unit;
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
        Instant instant = instant(value);
        if (TimestampWriter.hasZone(column)) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, zones.local(instant, zones.db()), Types.TIMESTAMP);
        }
    }

    Instant instant(Object value) {
        BigInteger count;
        try {
            count = value instanceof Number n ? BigInteger.valueOf(n.longValue()) : new BigInteger(value.toString());
        } catch (NumberFormatException e) {
            throw new UnmappableTypeException("'" + value + "' is not a count of " + unit.toString().toLowerCase()
                    + " since the epoch, as timestamp.fields.list and timestamp.precision.mode require");
        }
        BigInteger perSecond = unit == ChronoUnit.MICROS ? BigInteger.valueOf(1_000_000L) : BILLION;
        BigInteger[] parts = count.divideAndRemainder(perSecond);
        long seconds = parts[0].longValueExact();
        long fraction = parts[1].longValue();
        if (fraction < 0) {
            seconds--;
            fraction += perSecond.longValue();
        }
        long nanos = unit == ChronoUnit.MICROS ? fraction * 1000 : fraction;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    @Override
    public int nullType() {
        return Types.TIMESTAMP;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return null;
    }
}

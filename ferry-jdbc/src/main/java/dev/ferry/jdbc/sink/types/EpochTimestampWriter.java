package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.connect.data.Schema;

/**
 * Debezium's zone-less timestamps, an INT64 count since the epoch ({@code io.debezium.time.Timestamp} in
 * milliseconds, {@code MicroTimestamp} in microseconds, {@code NanoTimestamp} in nanoseconds): the source column's
 * wall-clock value, written as that wall-clock value (no {@code db.timezone} shift, as Debezium's own sink does) at
 * the precision the column keeps.
 */
public final class EpochTimestampWriter implements ColumnWriter {
    private final ChronoUnit unit;
    private final String sqlType;

    public EpochTimestampWriter(ChronoUnit unit, String sqlType) {
        this.unit = unit;
        this.sqlType = sqlType;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        LocalDateTime wallClock = wallClock(((Number) value).longValue());
        if (TimestampWriter.hasZone(column)) {
            statement.setObject(index, wallClock.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, wallClock, Types.TIMESTAMP);
        }
    }

    LocalDateTime wallClock(long count) {
        long perSecond = unit.getDuration().toNanos() == 0 ? 1 : 1_000_000_000L / unit.getDuration().toNanos();
        long seconds = Math.floorDiv(count, perSecond);
        long nanos = Math.floorMod(count, perSecond) * unit.getDuration().toNanos();
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    @Override
    public int nullType() {
        return Types.TIMESTAMP;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return "'" + wallClock(((Number) value).longValue()).toString().replace('T', ' ') + "'";
    }
}

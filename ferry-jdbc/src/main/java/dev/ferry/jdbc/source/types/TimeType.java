package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Time;

import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.sql.Types;
import java.util.Date;

/**
 * {@code TIME} -> Connect Time: the time of day as written in the column, in milliseconds since midnight (finer
 * digits are cut). It is not shifted by {@code db.timezone}: a time of day without a date has no instant to shift,
 * and a shifted value could fall outside the day, which Connect's Time does not allow. A time with a zone
 * (PostgreSQL's {@code timetz}) is the time of day in UTC.
 */
final class TimeType implements ColumnType {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() == Types.TIME_WITH_TIMEZONE || column.typeName().equals("timetz")) {
            return ColumnReader.of(Schemas.of(Time.builder(), column.optional()), column.index(), (row, i) -> {
                OffsetTime time = row.getObject(i, OffsetTime.class);
                return time == null ? null : millisOfDay(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
            });
        }
        if (column.jdbcType() != Types.TIME) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Time.builder(), column.optional()), column.index(), (row, i) -> {
            LocalTime time = row.getObject(i, LocalTime.class);
            return time == null ? null : millisOfDay(time);
        });
    }

    private static Date millisOfDay(LocalTime time) {
        return new Date(time.toNanoOfDay() / NANOS_PER_MILLI);
    }
}

package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Date;

import java.time.LocalDate;
import java.util.Calendar;
import java.sql.Types;

/**
 * {@code DATE} -> Connect Date: the day at midnight UTC, whatever {@code db.timezone} is (a date has no zone, and
 * Connect counts days since the epoch). Before 1582-10-15 the day count follows {@code date.calendar.system}.
 */
final class DateType implements ColumnType {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.DATE) {
            return null;
        }
        if (options.calendarSystem() == CalendarSystem.PROLEPTIC_GREGORIAN) {
            return ColumnReader.of(Schemas.of(Date.builder(), column.optional()), column.index(), (row, i) -> {
                LocalDate date = row.getObject(i, LocalDate.class);
                return date == null ? null : new java.util.Date(date.toEpochDay() * MILLIS_PER_DAY);
            });
        }
        Calendar utc = ReadOptions.utcCalendar();
        return ColumnReader.of(Schemas.of(Date.builder(), column.optional()), column.index(), (row, i) -> {
            java.sql.Date date = row.getDate(i, utc);
            return date == null ? null : new java.util.Date(date.getTime());
        });
    }
}

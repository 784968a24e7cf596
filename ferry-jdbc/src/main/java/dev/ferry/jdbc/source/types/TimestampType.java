package dev.ferry.jdbc.source.types;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Calendar;

/**
 * {@code TIMESTAMP} (PostgreSQL {@code timestamp}, MySQL/MariaDB {@code datetime(n)} and {@code timestamp(n)}) ->
 * the instant the column's local date-time has in {@code db.timezone}, written per {@code timestamp.granularity}.
 * A column with a zone ({@code TIMESTAMP WITH TIME ZONE}) is its own instant and ignores {@code db.timezone}.
 * Fractional seconds are read in full; Connect's Timestamp keeps milliseconds of them.
 */
final class TimestampType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE) {
            return zoned(column, options);
        }
        if (column.jdbcType() != Types.TIMESTAMP) {
            return null;
        }
        TimestampGranularity granularity = options.timestampGranularity();
        if (options.calendarSystem() == CalendarSystem.PROLEPTIC_GREGORIAN) {
            return ColumnReader.of(granularity.schema(column.optional()), column.index(), (row, i) -> {
                LocalDateTime local = row.getObject(i, LocalDateTime.class);
                return local == null ? null
                        : granularity.value(Timestamp.from(local.atZone(options.dbZone()).toInstant()),
                        options.dbZone());
            });
        }
        Calendar calendar = options.dbCalendar();
        return ColumnReader.of(granularity.schema(column.optional()), column.index(), (row, i) -> {
            Timestamp instant = row.getTimestamp(i, calendar);
            return instant == null ? null : granularity.value(instant, options.dbZone());
        });
    }

    /** A column whose values carry their offset: read as {@link OffsetDateTime}, never shifted. */
    static ColumnReader zoned(ResultColumn column, ReadOptions options) {
        TimestampGranularity granularity = options.timestampGranularity();
        return ColumnReader.of(granularity.schema(column.optional()), column.index(), (row, i) -> {
            OffsetDateTime value = row.getObject(i, OffsetDateTime.class);
            return value == null ? null : granularity.value(Timestamp.from(value.toInstant()), options.dbZone());
        });
    }
}

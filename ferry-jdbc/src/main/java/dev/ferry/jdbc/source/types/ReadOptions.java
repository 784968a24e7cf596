package dev.ferry.jdbc.source.types;

import java.time.ZoneId;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * The connector settings that shape column values.
 *
 * @param dbZone {@code db.timezone}: the zone date-times without a zone of their own are local times in
 */
public record ReadOptions(NumericMapping numericMapping, TimestampGranularity timestampGranularity,
                          CalendarSystem calendarSystem, ZoneId dbZone) {

    public static ReadOptions defaults() {
        return new ReadOptions(NumericMapping.NONE, TimestampGranularity.CONNECT_LOGICAL, CalendarSystem.LEGACY,
                ZoneId.of("UTC"));
    }

    /** A fresh calendar in {@link #dbZone} (calendars are mutable: one per reader). */
    public Calendar dbCalendar() {
        return Calendar.getInstance(TimeZone.getTimeZone(dbZone));
    }

    static Calendar utcCalendar() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}

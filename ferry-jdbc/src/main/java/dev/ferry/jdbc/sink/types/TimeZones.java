package dev.ferry.jdbc.sink.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * How the sink turns instants into the zone-less dates and times it writes. {@code db} ({@code db.timezone}) is
 * the zone of {@code timestamp}/{@code datetime} and {@code time} columns: a Connect Timestamp, an instant, is
 * written as the wall-clock time it is in that zone. {@code date} ({@code date.timezone}: {@code db.timezone}
 * unless set to UTC) is the zone a Connect Date, midnight UTC of its day, is read in to give the day written.
 * {@code legacyCalendar} ({@code date.calendar.system=LEGACY}, Confluent's default) reads the fields with Java's
 * hybrid Julian/Gregorian calendar, as {@code java.sql.Timestamp} does, so days before 1582-10-15 come out as
 * Confluent's connector writes them; otherwise with the proleptic Gregorian calendar of {@code java.time}.
 */
public record TimeZones(ZoneId db, ZoneId date, boolean legacyCalendar) {

    public static final TimeZones UTC = new TimeZones(ZoneId.of("UTC"), ZoneId.of("UTC"), false);

    /** The first instant the two calendars agree from (1582-10-15T00:00Z); later instants need no conversion. */
    private static final long GREGORIAN_CUTOVER_MILLIS = -12_219_292_800_000L;

    /** The wall-clock date and time of {@code instant} in {@code zone}, by this configuration's calendar. */
    public LocalDateTime local(Instant instant, ZoneId zone) {
        // a day of margin: the cutover is at midnight UTC, and zones shift it by hours
        if (!legacyCalendar || instant.toEpochMilli() > GREGORIAN_CUTOVER_MILLIS + 86_400_000L) {
            return LocalDateTime.ofInstant(instant, zone);
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(zone), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli());
        int year = calendar.get(Calendar.YEAR);
        if (calendar.get(Calendar.ERA) == GregorianCalendar.BC) {
            year = 1 - year;
        }
        return LocalDateTime.of(year, calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH),
                calendar.get(Calendar.HOUR_OF_DAY), calendar.get(Calendar.MINUTE), calendar.get(Calendar.SECOND),
                instant.getNano());
    }
}

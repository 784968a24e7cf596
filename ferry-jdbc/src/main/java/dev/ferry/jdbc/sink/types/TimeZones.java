package dev.ferry.jdbc.sink.types;

import java.time.ZoneId;

/**
 * The zones the sink writes zone-less date and time columns in. {@code db} ({@code db.timezone}) is the zone of
 * {@code timestamp}/{@code datetime} and {@code time} columns: a Connect Timestamp, an instant, is written as the
 * wall-clock time it is in that zone. {@code date} ({@code date.timezone}: {@code db.timezone} unless set to UTC) is
 * the zone a Connect Date, midnight UTC of its day, is read in to give the calendar day written.
 */
public record TimeZones(ZoneId db, ZoneId date) {

    public static final TimeZones UTC = new TimeZones(ZoneId.of("UTC"), ZoneId.of("UTC"));
}

package dev.ferry.jdbc.source.types;

/**
 * {@code date.calendar.system}: how DATE and TIMESTAMP values are counted from the epoch. They differ only before
 * the Gregorian cut-over of 1582-10-15.
 */
public enum CalendarSystem {
    /** {@code java.util.Calendar}'s hybrid Julian/Gregorian calendar (Confluent's default). */
    LEGACY,
    /** {@code java.time}'s proleptic Gregorian calendar. */
    PROLEPTIC_GREGORIAN
}

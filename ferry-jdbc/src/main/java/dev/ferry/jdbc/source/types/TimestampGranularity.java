package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigInteger;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * {@code timestamp.granularity}: how a timestamp column's value is written. Connect's Timestamp holds milliseconds,
 * so the other forms exist to carry micro- and nanosecond precision through Kafka.
 */
public enum TimestampGranularity {
    /** Connect Timestamp: milliseconds since the epoch (finer digits are cut). */
    CONNECT_LOGICAL,
    MICROS_LONG,
    MICROS_STRING,
    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS} in {@code db.timezone}. */
    MICROS_ISO_DATETIME_STRING,
    NANOS_LONG,
    NANOS_STRING,
    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS} in {@code db.timezone}. */
    NANOS_ISO_DATETIME_STRING;

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    public Schema schema(boolean optional) {
        SchemaBuilder builder = switch (this) {
            case CONNECT_LOGICAL -> Timestamp.builder();
            case MICROS_LONG, NANOS_LONG -> SchemaBuilder.int64();
            default -> SchemaBuilder.string();
        };
        return optional ? builder.optional().build() : builder.build();
    }

    /** The value for an instant read from the database (a {@link java.sql.Timestamp} keeps its nanoseconds). */
    public Object value(java.sql.Timestamp instant, ZoneId zone) {
        long seconds = Math.floorDiv(instant.getTime(), 1000L);
        int nanos = instant.getNanos();
        return switch (this) {
            case CONNECT_LOGICAL -> new Date(instant.getTime());
            case MICROS_LONG -> seconds * 1_000_000L + nanos / 1000;
            case MICROS_STRING -> Long.toString(seconds * 1_000_000L + nanos / 1000);
            case NANOS_LONG -> seconds * 1_000_000_000L + nanos;
            case NANOS_STRING -> BigInteger.valueOf(seconds).multiply(BILLION).add(BigInteger.valueOf(nanos))
                    .toString();
            case MICROS_ISO_DATETIME_STRING -> instant.toInstant().atZone(zone).format(MICROS);
            case NANOS_ISO_DATETIME_STRING -> instant.toInstant().atZone(zone).format(NANOS);
        };
    }
}

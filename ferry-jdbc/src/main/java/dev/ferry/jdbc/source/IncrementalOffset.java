package dev.ferry.jdbc.source;

import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where an incremental read has got to, in Confluent's offset shape: {@code incrementing} (the largest value of the
 * incrementing column seen), {@code timestamp} (epoch milliseconds of the latest row time) and
 * {@code timestamp_nanos} (that time's nanoseconds within its second, milliseconds included, as
 * {@link Timestamp#getNanos()} has them). A key is present only when the mode uses it.
 *
 * @param incrementing null before the first row (queries then start above -1)
 * @param timestamp    null before the first row (queries then start after the epoch)
 */
record IncrementalOffset(Long incrementing, Timestamp timestamp) {

    static final String INCREMENTING_KEY = "incrementing";
    static final String TIMESTAMP_KEY = "timestamp";
    static final String TIMESTAMP_NANOS_KEY = "timestamp_nanos";

    static final IncrementalOffset START = new IncrementalOffset(null, null);

    long incrementingOrStart() {
        return incrementing == null ? -1L : incrementing;
    }

    Timestamp timestampOrEpoch() {
        return timestamp == null ? new Timestamp(0L) : timestamp;
    }

    /**
     * One key: the JDK's singleton map, which the runtime keeps without a copy per record. Several keys: a HashMap,
     * as Confluent's connector writes them, so the stored JSON has the same key order on every JVM ({@code Map.of}'s
     * order changes from one JVM to the next).
     */
    Map<String, Object> toMap() {
        if (timestamp == null) {
            return incrementing == null ? Map.of() : Collections.singletonMap(INCREMENTING_KEY, incrementing);
        }
        Map<String, Object> map = new HashMap<>(3);
        if (incrementing != null) {
            map.put(INCREMENTING_KEY, incrementing);
        }
        map.put(TIMESTAMP_KEY, timestamp.getTime());
        map.put(TIMESTAMP_NANOS_KEY, (long) timestamp.getNanos());
        return map;
    }

    /** Reads a stored offset (numbers may come back as any integral type, e.g. from JSON). */
    static IncrementalOffset fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return START;
        }
        Long incrementing = number(map, INCREMENTING_KEY);
        Long millis = number(map, TIMESTAMP_KEY);
        Timestamp timestamp = null;
        if (millis != null) {
            timestamp = new Timestamp(millis);
            Long nanos = number(map, TIMESTAMP_NANOS_KEY);
            if (nanos != null) {
                timestamp.setNanos(nanos.intValue());
            }
        }
        return new IncrementalOffset(incrementing, timestamp);
    }

    private static Long number(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new ConnectException("The stored source offset " + map + " has '" + key + "' = '" + value
                    + "', not a number; reset the connector's offsets (PATCH or DELETE /connectors/<name>/offsets).");
        }
    }
}

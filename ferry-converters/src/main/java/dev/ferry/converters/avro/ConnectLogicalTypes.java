package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * Converts values of Connect's logical types (Decimal, Date, Time, Timestamp) between their Java form
 * ({@link BigDecimal}, {@link java.util.Date}) and the primitive Avro carries (unscaled two's-complement bytes,
 * days, milliseconds). Schemas of any other name pass values through unchanged.
 */
final class ConnectLogicalTypes {

    private ConnectLogicalTypes() {
    }

    /** The primitive Avro writes for a Connect value of {@code schema}. */
    static Object toAvro(Schema schema, Object value) {
        if (value == null || schema == null || schema.name() == null) {
            return value;
        }
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME:
                if (!(value instanceof BigDecimal)) {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
                }
                return Decimal.fromLogical(schema, (BigDecimal) value);
            case Date.LOGICAL_NAME:
                return Date.fromLogical(schema, asDate("Date", value));
            case Time.LOGICAL_NAME:
                return Time.fromLogical(schema, asDate("Time", value));
            case Timestamp.LOGICAL_NAME:
                return Timestamp.fromLogical(schema, asDate("Timestamp", value));
            default:
                return value;
        }
    }

    /** The Connect value of {@code schema} for the primitive Avro read. */
    static Object toConnect(Schema schema, Object value) {
        if (value == null || schema == null || schema.name() == null) {
            return value;
        }
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME:
                if (value instanceof byte[]) {
                    return Decimal.toLogical(schema, (byte[]) value);
                }
                if (value instanceof ByteBuffer) {
                    return Decimal.toLogical(schema, bytesOf((ByteBuffer) value));
                }
                if (value instanceof BigDecimal) {
                    return value;
                }
                throw new DataException("Invalid type for Decimal, underlying representation should be bytes but was "
                        + value.getClass());
            case Date.LOGICAL_NAME:
                return Date.toLogical(schema, asInt("Date", value));
            case Time.LOGICAL_NAME:
                return Time.toLogical(schema, asInt("Time", value));
            case Timestamp.LOGICAL_NAME:
                if (!(value instanceof Long)) {
                    throw new DataException("Invalid type for Timestamp, underlying representation should be int64 but was "
                            + value.getClass());
                }
                return Timestamp.toLogical(schema, (Long) value);
            default:
                return value;
        }
    }

    static byte[] bytesOf(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static java.util.Date asDate(String type, Object value) {
        if (!(value instanceof java.util.Date)) {
            throw new DataException("Invalid type for " + type + ", expected Date but was " + value.getClass());
        }
        return (java.util.Date) value;
    }

    private static int asInt(String type, Object value) {
        if (!(value instanceof Integer)) {
            throw new DataException("Invalid type for " + type + ", underlying representation should be int32 but was "
                    + value.getClass());
        }
        return (Integer) value;
    }
}

package dev.ferry.converters.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect's logical values as the messages Confluent's converter writes them: Decimal as
 * {@code confluent.type.Decimal} (two's-complement unscaled bytes, precision, scale), Date as
 * {@code google.type.Date}, Time as {@code google.type.TimeOfDay}, Timestamp as {@code google.protobuf.Timestamp};
 * all in UTC. The messages are built on the field's own descriptor so they fit whichever parse of the file it is.
 */
final class LogicalMessages {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private LogicalMessages() {
    }

    static boolean isLogical(String name) {
        return Decimal.LOGICAL_NAME.equals(name) || Date.LOGICAL_NAME.equals(name) || Time.LOGICAL_NAME.equals(name)
                || Timestamp.LOGICAL_NAME.equals(name);
    }

    static Message toMessage(String logicalName, Object value, Descriptor type) {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        switch (logicalName) {
            case Decimal.LOGICAL_NAME -> {
                BigDecimal decimal = cast(value, BigDecimal.class, logicalName);
                set(message, "value", ByteString.copyFrom(decimal.unscaledValue().toByteArray()));
                set(message, "precision", decimal.precision());
                set(message, "scale", decimal.scale());
            }
            case Date.LOGICAL_NAME -> {
                long millis = cast(value, java.util.Date.class, logicalName).getTime();
                if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
                    throw new DataException("A Connect Date must be a UTC midnight, but " + millis
                            + " ms has a time of day.");
                }
                LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY));
                set(message, "year", date.getYear());
                set(message, "month", date.getMonthValue());
                set(message, "day", date.getDayOfMonth());
            }
            case Time.LOGICAL_NAME -> {
                long millis = cast(value, java.util.Date.class, logicalName).getTime();
                if (millis < 0 || millis >= MILLIS_PER_DAY) {
                    throw new DataException("A Connect Time must be within one day (0 to 86399999 ms), but is "
                            + millis + " ms.");
                }
                LocalTime time = LocalTime.ofNanoOfDay(millis * NANOS_PER_MILLI);
                set(message, "hours", time.getHour());
                set(message, "minutes", time.getMinute());
                set(message, "seconds", time.getSecond());
                set(message, "nanos", time.getNano());
            }
            case Timestamp.LOGICAL_NAME -> {
                Instant instant = cast(value, java.util.Date.class, logicalName).toInstant();
                set(message, "seconds", instant.getEpochSecond());
                set(message, "nanos", instant.getNano());
            }
            default -> throw new IllegalArgumentException(logicalName);
        }
        return message.build();
    }

    static Object fromMessage(String logicalName, Object value) {
        if (!(value instanceof Message) && !(value instanceof MessageFields)) {
            throw new DataException("A " + logicalName + " must be read from a message, not " + value.getClass());
        }
        MessageFields message = MessageFields.of(value);
        return switch (logicalName) {
            case Decimal.LOGICAL_NAME -> decimal(message);
            case Date.LOGICAL_NAME -> new java.util.Date(LocalDate.of(number(message, "year", 1970).intValue(),
                    number(message, "month", 1).intValue(), number(message, "day", 1).intValue())
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            case Time.LOGICAL_NAME -> new java.util.Date(LocalTime.of(number(message, "hours", 0).intValue(),
                    number(message, "minutes", 0).intValue(), number(message, "seconds", 0).intValue(),
                    number(message, "nanos", 0).intValue()).toNanoOfDay() / NANOS_PER_MILLI);
            case Timestamp.LOGICAL_NAME -> new java.util.Date(Instant.ofEpochSecond(
                    number(message, "seconds", 0).longValue(), number(message, "nanos", 0).longValue()).toEpochMilli());
            default -> throw new IllegalArgumentException(logicalName);
        };
    }

    private static BigDecimal decimal(MessageFields message) {
        FieldDescriptor valueField = FieldsByName.find(message.type(), "value");
        byte[] bytes = valueField == null ? new byte[0] : ((ByteString) message.get(valueField)).toByteArray();
        BigInteger unscaled = bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
        int scale = number(message, "scale", 0).intValue();
        int precision = number(message, "precision", 0).intValue();
        return precision > 0 ? new BigDecimal(unscaled, scale, new MathContext(precision))
                : new BigDecimal(unscaled, scale);
    }

    private static Number number(MessageFields message, String field, Number fallback) {
        FieldDescriptor descriptor = FieldsByName.find(message.type(), field);
        return descriptor == null ? fallback : (Number) message.get(descriptor);
    }

    private static void set(DynamicMessage.Builder message, String field, Object value) {
        FieldDescriptor descriptor = FieldsByName.find(message.getDescriptorForType(), field);
        if (descriptor == null) {
            throw new DataException("Message " + message.getDescriptorForType().getFullName() + " has no field "
                    + field + ", so it is not the well-known type its name says.");
        }
        if (descriptor.getJavaType() == FieldDescriptor.JavaType.INT && value instanceof Long longValue) {
            value = longValue.intValue();
        } else if (descriptor.getJavaType() == FieldDescriptor.JavaType.LONG && value instanceof Integer intValue) {
            value = intValue.longValue();
        }
        message.setField(descriptor, value);
    }

    private static <T> T cast(Object value, Class<T> type, String logicalName) {
        if (!type.isInstance(value)) {
            throw new DataException("A Connect " + logicalName + " value must be a " + type.getName() + ", not "
                    + value.getClass().getName());
        }
        return type.cast(value);
    }
}

package dev.ferry.runtime.herder.offsets;

import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Parses the offsets REST body of a sink connector: each partition must be
 * {@code {"kafka_topic": "<topic>", "kafka_partition": <int>}} and each offset
 * {@code {"kafka_offset": <long>}} or null. Mistakes are 400s that say which entry is wrong.
 */
final class SinkOffsets {
    private SinkOffsets() {
    }

    static Map<TopicPartition, Long> parse(ConnectorOffsets offsets) {
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        for (ConnectorOffsets.Entry e : offsets.offsets()) {
            Map<String, Object> partition = e.partition();
            if (partition == null || !partition.containsKey(ConnectorOffsetsEditor.KAFKA_TOPIC)
                    || !partition.containsKey(ConnectorOffsetsEditor.KAFKA_PARTITION)) {
                throw new InvalidRequestException("The partition for a sink connector offset must contain the keys '"
                        + ConnectorOffsetsEditor.KAFKA_TOPIC + "' and '" + ConnectorOffsetsEditor.KAFKA_PARTITION
                        + "', but got " + partition);
            }
            Object topic = partition.get(ConnectorOffsetsEditor.KAFKA_TOPIC);
            if (!(topic instanceof String name) || name.isBlank()) {
                throw new InvalidRequestException("The '" + ConnectorOffsetsEditor.KAFKA_TOPIC
                        + "' of a sink connector partition must be a non-empty string, but got " + topic);
            }
            int number = (int) integral(partition.get(ConnectorOffsetsEditor.KAFKA_PARTITION),
                    ConnectorOffsetsEditor.KAFKA_PARTITION, "partition", true);
            Long offset = null;
            if (e.offset() != null) {
                if (!e.offset().containsKey(ConnectorOffsetsEditor.KAFKA_OFFSET)) {
                    throw new InvalidRequestException("The offset for a sink connector partition must contain the key '"
                            + ConnectorOffsetsEditor.KAFKA_OFFSET + "', but got " + e.offset());
                }
                offset = integral(e.offset().get(ConnectorOffsetsEditor.KAFKA_OFFSET),
                        ConnectorOffsetsEditor.KAFKA_OFFSET, "offset", false);
            }
            result.put(new TopicPartition(name, number), offset);
        }
        return result;
    }

    private static long integral(Object value, String key, String what, boolean isInt) {
        long parsed;
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            parsed = n.longValue();
        } else if (value instanceof String s) {
            try {
                parsed = Long.parseLong(s.trim());
            } catch (NumberFormatException ex) {
                throw notIntegral(value, key, what);
            }
        } else {
            throw notIntegral(value, key, what);
        }
        if (parsed < 0 || (isInt && parsed > Integer.MAX_VALUE)) {
            throw new InvalidRequestException("The '" + key + "' in the " + what + " of a sink connector offset must be "
                    + "a non-negative " + (isInt ? "integer" : "long") + ", but got " + value);
        }
        return parsed;
    }

    private static InvalidRequestException notIntegral(Object value, String key, String what) {
        return new InvalidRequestException("Failed to parse the '" + key + "' value " + value
                + " in the " + what + " of a sink connector offset: it must be a whole number.");
    }
}

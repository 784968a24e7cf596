package dev.ferry.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * The offsets of a connector: for sources the source partitions and offsets the tasks submitted;
 * for sinks {@code {"kafka_topic","kafka_partition"}} partitions with {@code {"kafka_offset"}}
 * offsets. An entry with a null offset in an alter request means "forget this partition".
 */
public record ConnectorOffsets(List<Entry> offsets) {

    /** One partition and its offset. */
    public record Entry(Map<String, Object> partition, Map<String, Object> offset) {
    }
}

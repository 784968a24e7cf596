package dev.ferry.rest;

import dev.ferry.runtime.model.ConnectorOffsets;
import java.util.List;
import java.util.Map;

/** Apache's {@code ConnectorOffsets} shape: {@code {"offsets":[{"partition":{…},"offset":{…}}]}}. */
record ConnectorOffsetsJson(List<Offset> offsets) {

    static ConnectorOffsetsJson of(ConnectorOffsets offsets) {
        return new ConnectorOffsetsJson(offsets.offsets().stream()
                .map(entry -> new Offset(entry.partition(), entry.offset()))
                .toList());
    }

    /** One partition and its offset (null in an alter request: forget the partition). */
    record Offset(Map<String, Object> partition, Map<String, Object> offset) {
    }
}

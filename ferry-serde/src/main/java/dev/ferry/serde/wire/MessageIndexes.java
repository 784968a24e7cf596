package dev.ferry.serde.wire;

import java.util.List;

/**
 * The Protobuf message indexes read from a framed record and the offset of the first payload byte after them.
 * The indexes are the path to the message type inside its {@code .proto} file: {@code [2]} is the third
 * top-level message, {@code [0, 1]} the second message nested in the first.
 */
public record MessageIndexes(List<Integer> indexes, int payloadOffset) {

    public MessageIndexes {
        indexes = List.copyOf(indexes);
    }
}

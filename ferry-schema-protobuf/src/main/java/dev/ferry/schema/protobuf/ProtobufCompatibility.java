package dev.ferry.schema.protobuf;

import java.util.List;

/** Placeholder replaced below. */
final class ProtobufCompatibility {
    private ProtobufCompatibility() {
    }

    static List<String> check(ProtobufSchema reader, ProtobufSchema writer) {
        return List.of();
    }
}

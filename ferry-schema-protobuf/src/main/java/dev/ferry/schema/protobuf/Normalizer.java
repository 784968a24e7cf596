package dev.ferry.schema.protobuf;

/** Placeholder replaced below. */
final class Normalizer {
    private Normalizer() {
    }

    static ProtobufSchema normalize(ProtobufSchema schema) {
        return schema;
    }
}

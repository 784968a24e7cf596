package dev.ferry.serde;

import dev.ferry.schema.ParsedSchema;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A framed record taken apart: the schema id, the writer schema the registry holds for it, the Protobuf message
 * indexes (empty for Avro and JSON Schema) and where the payload lies in {@link #bytes()} (not copied).
 */
public record Framed(int schemaId, ParsedSchema schema, List<Integer> messageIndexes, byte[] bytes,
                     int payloadOffset) {

    public int payloadLength() {
        return bytes.length - payloadOffset;
    }

    /** The payload as a read-only view, without copying. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(bytes, payloadOffset, payloadLength()).slice().asReadOnlyBuffer();
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(bytes, payloadOffset, bytes.length);
    }
}

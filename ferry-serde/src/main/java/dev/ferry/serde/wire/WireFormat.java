package dev.ferry.serde.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Confluent's schema-registry framing of a Kafka key or value: the magic byte {@code 0}, the schema id as a 4-byte
 * big-endian int, for Protobuf the message indexes, then the format's payload (Avro binary, Protobuf binary, UTF-8
 * JSON).
 *
 * <p>Message indexes are written as a count followed by the indexes, each a zig-zag varint as Kafka's
 * {@code ByteUtils.writeVarint} writes them; the common case {@code [0]} (the first top-level message) is written
 * as the single byte {@code 0}, which a reader takes as {@code [0]}. So {@code [1]} is {@code 02 02} and
 * {@code [0, 2]} is {@code 04 00 04}.
 *
 * <p>Stateless and thread-safe.
 */
public final class WireFormat {

    /** The first byte of every framed record (Confluent's "V0" framing with a 4-byte id). */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus schema id: the payload (or the Protobuf message indexes) starts here. */
    public static final int HEADER_LENGTH = 5;

    /** A count beyond this cannot come from a real {@code .proto} nesting; it means the bytes are not indexes. */
    private static final int MAX_INDEXES = 1024;

    private static final String NOT_SR_HINT = "; the data was probably not written with a schema-registry serializer "
            + "(Confluent's or Ferry's Avro, Protobuf or JSON Schema serializer/converter). Check the topic's "
            + "producer and the converter configured for it.";

    private WireFormat() {
    }

    /** Frames an Avro or JSON Schema payload: magic byte, id, payload. */
    public static byte[] frame(int schemaId, byte[] payload) {
        return frame(schemaId, null, payload);
    }

    /**
     * Frames a payload.
     *
     * @param messageIndexes the Protobuf message indexes, or null for Avro and JSON Schema (which have none)
     */
    public static byte[] frame(int schemaId, List<Integer> messageIndexes, byte[] payload) {
        byte[] indexes = messageIndexes == null ? new byte[0] : encodeMessageIndexes(messageIndexes);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + indexes.length + payload.length);
        buffer.put(MAGIC_BYTE).putInt(schemaId).put(indexes).put(payload);
        return buffer.array();
    }

    /**
     * The schema id of a framed record.
     *
     * @throws WireFormatException when the record is shorter than the header or does not start with the magic byte
     */
    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new WireFormatException("Unknown magic byte or short record: the record is " + framed.length
                    + " bytes long (" + HexFormat.of().formatHex(framed) + "), but a schema-registry record starts with "
                    + HEADER_LENGTH + " bytes (magic byte 0 and a 4-byte schema id)" + NOT_SR_HINT);
        }
        if (framed[0] == 1) {
            throw new WireFormatException("Magic byte 0x01 at offset 0 is Confluent's GUID framing (a 16-byte schema "
                    + "GUID instead of the 4-byte id), which Ferry does not read; configure the producer's serializer "
                    + "to write schema ids (Confluent's default) instead of GUIDs.");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new WireFormatException("Unknown magic byte 0x" + HexFormat.of().toHexDigits(framed[0])
                    + " at offset 0: a schema-registry record starts with 0x00" + NOT_SR_HINT);
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** The encoded form of Protobuf message indexes, as {@link #frame(int, List, byte[])} writes it. */
    public static byte[] encodeMessageIndexes(List<Integer> indexes) {
        if (indexes.size() == 1 && indexes.get(0) == 0) {
            return new byte[] {0};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + indexes.size());
        writeZigZagVarint(indexes.size(), out);
        for (int index : indexes) {
            writeZigZagVarint(index, out);
        }
        return out.toByteArray();
    }

    /**
     * Reads the Protobuf message indexes of a framed record, which start right after the header.
     *
     * @throws WireFormatException when the indexes are truncated or malformed
     */
    public static MessageIndexes messageIndexes(byte[] framed) {
        int[] position = {HEADER_LENGTH};
        int count = readZigZagVarint(framed, position);
        if (count == 0) {
            return new MessageIndexes(List.of(0), position[0]);
        }
        if (count < 0 || count > MAX_INDEXES) {
            throw new WireFormatException("Invalid Protobuf message index count " + count + " at offset "
                    + HEADER_LENGTH + " of a " + framed.length + "-byte record" + NOT_SR_HINT);
        }
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = readZigZagVarint(framed, position);
            if (index < 0) {
                throw new WireFormatException("Invalid Protobuf message index " + index + " (entry " + i + ") in a "
                        + framed.length + "-byte record" + NOT_SR_HINT);
            }
            indexes.add(index);
        }
        return new MessageIndexes(indexes, position[0]);
    }

    private static void writeZigZagVarint(int value, ByteArrayOutputStream out) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readZigZagVarint(byte[] bytes, int[] position) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (position[0] >= bytes.length) {
                throw new WireFormatException("Truncated Protobuf message indexes: the record ends at byte "
                        + bytes.length + " inside a varint" + NOT_SR_HINT);
            }
            byte b = bytes[position[0]++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new WireFormatException("Invalid Protobuf message index varint ending at offset " + position[0]
                + ": longer than 5 bytes" + NOT_SR_HINT);
    }
}

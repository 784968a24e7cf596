package dev.ferry.serde.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void messageIndexesEncodeAsTheGoldenBytes() throws IOException {
        for (String[] golden : goldens("/wire/message-indexes.txt")) {
            List<Integer> indexes = indexes(golden[0]);
            byte[] expected = hex(golden[1]);
            assertThat(WireFormat.encodeMessageIndexes(indexes)).as("%s", golden[0]).isEqualTo(expected);
        }
    }

    @Test
    void messageIndexesDecodeFromTheGoldenBytes() throws IOException {
        for (String[] golden : goldens("/wire/message-indexes.txt")) {
            byte[] framed = concat(hex("00 00 00 00 09"), hex(golden[1]), hex("ff"));
            MessageIndexes read = WireFormat.messageIndexes(framed);
            assertThat(read.indexes()).as("%s", golden[0]).isEqualTo(indexes(golden[0]));
            assertThat(read.payloadOffset()).isEqualTo(framed.length - 1);
        }
    }

    @Test
    void framesAreTheGoldenBytesAndReadBack() throws IOException {
        assertFramesMatch("/wire/frames.txt");
    }

    /** The bytes Confluent's own JavaScript client writes for the same frames (made by confluent-js-frames.mjs). */
    @Test
    void framesAreTheBytesConfluentsJavaScriptClientWrites() throws IOException {
        assertFramesMatch("/wire/confluent-js-frames.txt");
    }

    private static void assertFramesMatch(String resource) throws IOException {
        for (String[] golden : goldens(resource)) {
            String[] parts = golden[0].split("\\|");
            int id = Integer.parseInt(parts[0].trim());
            List<Integer> indexes = parts[1].isBlank() || parts[1].trim().equals("-") ? null : indexes(parts[1].trim());
            byte[] payload = parts[2].trim().equals("-") ? new byte[0] : hex(parts[2]);
            byte[] framed = WireFormat.frame(id, indexes, payload);
            assertThat(framed).as(golden[0]).isEqualTo(hex(golden[1]));
            assertThat(WireFormat.schemaId(framed)).isEqualTo(id);
            int offset = indexes == null ? WireFormat.HEADER_LENGTH : WireFormat.messageIndexes(framed).payloadOffset();
            assertThat(Arrays.copyOfRange(framed, offset, framed.length)).isEqualTo(payload);
        }
    }

    @Test
    void aWrongMagicByteIsRejectedNamingTheByte() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WireFormat.schemaId(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("not written with a schema-registry serializer");
    }

    @Test
    void confluentsGuidFramingIsNamedAsSuch() {
        assertThatThrownBy(() -> WireFormat.schemaId(hex("01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 02")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("GUID framing");
    }

    @Test
    void aShortRecordIsRejectedNamingItsLength() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("3 bytes long (000001)")
                .hasMessageContaining("not written with a schema-registry serializer");
    }

    @Test
    void truncatedMessageIndexesAreRejected() {
        assertThatThrownBy(() -> WireFormat.messageIndexes(hex("00 00 00 00 01 04 00")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("Truncated Protobuf message indexes");
        assertThatThrownBy(() -> WireFormat.messageIndexes(hex("00 00 00 00 01 03")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("Invalid Protobuf message index count -2");
    }

    private static List<String[]> goldens(String resource) throws IOException {
        List<String[]> result = new ArrayList<>();
        try (InputStream in = WireFormatTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] sides = line.split("->");
                    result.add(new String[] {sides[0].trim(), sides[1].trim()});
                }
            }
        }
        assertThat(result).isNotEmpty();
        return result;
    }

    private static List<Integer> indexes(String text) {
        String inner = text.replace("[", "").replace("]", "");
        return Arrays.stream(inner.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}

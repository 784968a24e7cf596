package dev.ferry.converters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the golden files under {@code src/test/resources} and swaps the schema id of a framed record. */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** A resource's bytes, by its path from the class path root. */
    public static byte[] resource(String name) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** The bytes of a hex file: '#' starts a comment, whitespace separates nothing. */
    public static byte[] hex(String name) {
        StringBuilder hex = new StringBuilder();
        for (String line : text(name).split("\n")) {
            hex.append(line.replaceAll("#.*", "").replaceAll("\\s", ""));
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    /** The schema id of a record in the wire format. */
    public static int idOf(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    /** The framed record with its schema id replaced (in place), e.g. by this registry's id for a golden schema. */
    public static byte[] withId(byte[] framed, int id) {
        ByteBuffer.wrap(framed, 1, 4).putInt(id);
        return framed;
    }
}

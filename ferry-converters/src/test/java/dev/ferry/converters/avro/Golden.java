package dev.ferry.converters.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Reads the golden files under {@code src/test/resources/avro}. */
final class Golden {

    private Golden() {
    }

    /** A file's text without its trailing newline. */
    static String text(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/avro/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No golden file avro/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a hex file: lines starting with # are comments, whitespace separates nothing. */
    static byte[] hex(String name) {
        String digits = text(name).lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll("\\s", "")).collect(Collectors.joining());
        return HexFormat.of().parseHex(digits);
    }
}

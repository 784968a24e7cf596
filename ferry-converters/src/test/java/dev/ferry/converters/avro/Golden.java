package dev.ferry.converters.avro;

import dev.ferry.converters.GoldenFiles;

/** Reads the golden files under {@code src/test/resources/avro}. */
final class Golden {

    private Golden() {
    }

    /** A file's text without its trailing newline. */
    static String text(String name) {
        return GoldenFiles.text("avro/" + name).stripTrailing();
    }

    /** The bytes of a hex file: '#' starts a comment, whitespace separates nothing. */
    static byte[] hex(String name) {
        return GoldenFiles.hex("avro/" + name);
    }
}

package dev.ferry.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records every phase moves: short lines of one fixed length, so the file sink's progress can
 * be read from its output file's size and the raw clients carry exactly the connectors' bytes.
 */
final class BenchmarkLines {

    private static final String PREFIX = "ferry-benchmark-line-";

    /** Bytes in one line's text, without its newline. */
    static final int LINE_BYTES = PREFIX.length() + 9;

    private BenchmarkLines() {
    }

    /** Line {@code i}: the prefix and {@code i} as nine zero-padded digits (so n up to 10^9). */
    static byte[] line(long i) {
        byte[] bytes = new byte[LINE_BYTES];
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        long rest = i;
        for (int pos = LINE_BYTES - 1; pos >= prefix.length; pos--) {
            bytes[pos] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return bytes;
    }

    /** Writes lines 0 to {@code n - 1}, each followed by a newline. */
    static void writeFile(Path file, long n) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < n; i++) {
                out.write(line(i));
                out.write('\n');
            }
        }
    }

    /** How many whole lines a file of lines written by a sink holds. */
    static long linesIn(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) / (LINE_BYTES + 1) : 0;
    }
}

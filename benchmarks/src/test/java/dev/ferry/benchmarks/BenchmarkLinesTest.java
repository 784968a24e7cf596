package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkLinesTest {

    @TempDir
    Path dir;

    @Test
    void line_isThePrefixAndNineZeroPaddedDigits() {
        assertThat(new String(BenchmarkLines.line(42), StandardCharsets.US_ASCII))
                .isEqualTo("ferry-benchmark-line-000000042");
        assertThat(BenchmarkLines.line(999_999_999)).hasSize(BenchmarkLines.LINE_BYTES);
    }

    @Test
    void writeFile_writesEveryLineOnceInOrder() throws Exception {
        Path file = dir.resolve("lines.txt");
        BenchmarkLines.writeFile(file, 3);
        assertThat(Files.readAllLines(file)).containsExactly(
                "ferry-benchmark-line-000000000", "ferry-benchmark-line-000000001", "ferry-benchmark-line-000000002");
    }

    @Test
    void linesIn_countsOnlyWholeLines_andZeroForAMissingFile() throws Exception {
        Path file = dir.resolve("out.txt");
        assertThat(BenchmarkLines.linesIn(file)).isZero();
        BenchmarkLines.writeFile(file, 5);
        Files.write(file, "ferry-bench".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
        assertThat(BenchmarkLines.linesIn(file)).isEqualTo(5);
    }
}

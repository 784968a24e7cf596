package dev.ferry.runtime.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source file of ferry-runtime grows past {@value #MAX_LINES} lines: past that, a class does
 * more than one job and its collaborators want to be classes of their own. The files already
 * larger are listed here, each to be split; the list only shrinks.
 */
class ClassSizeTest {
    static final int MAX_LINES = 450;

    private static final Path SOURCES = Path.of("src/main/java");

    /**
     * Files over the limit today, to be split (a listed file that was deleted is fine; one that
     * shrank below the limit must leave the list, so it cannot grow back unnoticed).
     */
    private static final List<String> TO_BE_SPLIT = List.of(
            // the worker settings, their definitions and accessors in one class, exactly-once keys included (helper E)
            "dev/ferry/runtime/config/WorkerConfig.java");

    @Test
    void noSourceFile_isLongerThanTheLimit_unlessListedToBeSplit() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                long lines = lineCount(file);
                String name = SOURCES.relativize(file).toString().replace('\\', '/');
                if (lines > MAX_LINES && !TO_BE_SPLIT.contains(name)) {
                    tooLong.put(name, lines);
                }
            }
        }
        assertThat(tooLong)
                .as("Source files over %d lines. A class this long does several jobs: give each job a class of its "
                        + "own, named for what it is (a collaborator the class delegates to, or a record for the data "
                        + "that travels together), and keep the original as the one that coordinates them", MAX_LINES)
                .isEmpty();
    }

    @Test
    void filesListedToBeSplit_areStillOverTheLimit() throws IOException {
        List<String> shrunk = new ArrayList<>();
        for (String name : TO_BE_SPLIT) {
            Path file = SOURCES.resolve(name);
            if (Files.exists(file) && lineCount(file) <= MAX_LINES) {
                shrunk.add(name);
            }
        }
        assertThat(shrunk)
                .as("These files are now within %d lines: remove them from ClassSizeTest.TO_BE_SPLIT, so they "
                        + "cannot grow back unnoticed", MAX_LINES)
                .isEmpty();
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares response bodies with the golden files under {@code src/test/resources/golden/}.
 * Both sides are parsed and written back compactly, so whitespace does not matter but field
 * order, names, types and values all do. Run with {@code -Dgolden.update=true} to (re)write the
 * files from the current responses, then review the diff: the files pin Apache's wire format.
 */
final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    static void assertMatches(String file, String actualBody) {
        if (Boolean.getBoolean("golden.update")) {
            write(file, actualBody);
            return;
        }
        assertThat(canonical(actualBody))
                .as("response body compared with golden/%s", file)
                .isEqualTo(canonical(read(file)));
    }

    static String canonical(String json) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new AssertionError("Not valid JSON: " + json, e);
        }
    }

    private static String read(String file) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new AssertionError("Missing golden file golden/" + file
                        + ": run the test with -Dgolden.update=true to create it, then review it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String file, String body) {
        try {
            Files.createDirectories(SOURCE_DIR);
            String pretty = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(MAPPER.readTree(body));
            Files.writeString(SOURCE_DIR.resolve(file), pretty + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

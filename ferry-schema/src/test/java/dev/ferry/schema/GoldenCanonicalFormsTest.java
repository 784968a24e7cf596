package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the canonical and normalised texts the registry stores and hashes (so ids stay stable across Ferry
 * versions): each schema under {@code golden/avro/*.avsc} and {@code golden/json/*.json} sits next to its
 * {@code .canonical} and {@code .normalized} text. The texts follow Confluent's rules: Avro's compact JSON with
 * referenced types by name; the JSON tree written compactly in its key order, decimals as written; normalised
 * Avro with full names, sorted aliases and properties; normalised JSON with every object's keys sorted.
 */
class GoldenCanonicalFormsTest {

    static Stream<Arguments> goldenFiles() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenCanonicalFormsTest.class.getResource("/golden").toURI());
        Map<String, SchemaType> types = Map.of("avro", SchemaType.AVRO, "json", SchemaType.JSON);
        List<Arguments> out = new java.util.ArrayList<>();
        for (var entry : types.entrySet()) {
            try (Stream<Path> files = Files.list(root.resolve(entry.getKey()))) {
                files.filter(p -> p.toString().endsWith(".avsc") || p.toString().endsWith(".json")).sorted()
                        .forEach(p -> out.add(Arguments.of(p.getFileName().toString(), entry.getValue(), p)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void schema_hasItsGoldenCanonicalAndNormalisedText(String name, SchemaType type, Path source) throws IOException {
        ParsedSchema schema = SchemaProviders.of(type).parse(Files.readString(source), List.of(), Map.of());
        assertThat(schema.canonical()).isEqualTo(sibling(source, ".canonical"));
        assertThat(schema.normalized().canonical()).isEqualTo(sibling(source, ".normalized"));
        assertThat(SchemaProviders.of(type).parse(schema.canonical(), List.of(), Map.of()))
                .as("the canonical text parses back to the same schema").isEqualTo(schema);
    }

    private static String sibling(Path source, String extension) {
        String base = source.getFileName().toString().replaceAll("\\.(avsc|json)$", "");
        try {
            return Files.readString(source.resolveSibling(base + extension)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ferry.jdbc.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.jdbc.sink.JdbcSinkConnector;
import dev.ferry.jdbc.source.JdbcSourceConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/JDBC.md's config reference is generated from the connectors' definitions. A change to a key, default or
 * doc fails this test until the document is regenerated: run it with {@code -Dferry.docs.update=true}.
 */
class ConfigReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "JDBC.md");

    @Test
    void sourceReferenceInDocsMatchesTheConnectorsDefinition() throws Exception {
        check("source", ConfigReference.render(new JdbcSourceConnector().config()));
    }

    @Test
    void sinkReferenceInDocsMatchesTheConnectorsDefinition() throws Exception {
        check("sink", ConfigReference.render(new JdbcSinkConnector().config()));
    }

    private static void check(String section, String generated) throws Exception {
        String begin = "<!-- generated " + section + " config: begin -->\n";
        String end = "<!-- generated " + section + " config: end -->";
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertThat(from).as("docs/JDBC.md has the markers %s and %s", begin.strip(), end).isNotNegative();
        assertThat(to).isGreaterThan(from);
        String current = doc.substring(from + begin.length(), to);
        if (Boolean.getBoolean("ferry.docs.update") && !current.equals(generated)) {
            Files.writeString(DOC, doc.substring(0, from + begin.length()) + generated + doc.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as("docs/JDBC.md's %s config reference is out of date; regenerate it with "
                + "./mvnw -pl ferry-jdbc test -Dtest=ConfigReferenceTest -Dferry.docs.update=true", section)
                .isEqualTo(generated);
    }
}

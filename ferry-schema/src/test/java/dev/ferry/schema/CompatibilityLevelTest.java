package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.avro.AvroSchemaProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static ParsedSchema record(String fields) {
        return AvroSchemaProvider.parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
    }

    private static final ParsedSchema V1 = record("{\"name\":\"a\",\"type\":\"int\"}");
    private static final ParsedSchema V2 = record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}");

    @Test
    void transitiveCheck_reportsOnlyTheNewestFailingVersion() {
        ParsedSchema candidate = record("{\"name\":\"c\",\"type\":\"int\"}");
        List<String> problems = CompatibilityLevel.BACKWARD_TRANSITIVE.check(candidate, List.of(V1, V2), List.of(1, 2));
        assertThat(problems).contains("{oldSchemaVersion: 2}").doesNotContain("{oldSchemaVersion: 1}");
    }

    @Test
    void fullCheck_listsForwardProblemsFirstAndNamesTheOldSchemaAfterTheBackwardOnes() {
        ParsedSchema candidate = record("{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"n\",\"type\":\"int\"}");
        List<String> problems = CompatibilityLevel.FULL.check(candidate, List.of(V1), List.of(1));
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).contains("TYPE_MISMATCH").contains("in the old schema does not match with the new");
        assertThat(problems.get(1)).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("'n'")
                .contains("in the new schema has no default value and is missing in the old schema");
        assertThat(problems.subList(2, 4)).containsExactly("{oldSchemaVersion: 1}", "{oldSchema: '" + V1.canonical() + "'}");
    }

    @Test
    void fullCheck_failingOnlyForward_doesNotQuoteTheOldSchema() {
        ParsedSchema candidate = record("{\"name\":\"a\",\"type\":\"long\"}");
        assertThat(CompatibilityLevel.FULL.check(candidate, List.of(V1))).singleElement().asString()
                .contains("TYPE_MISMATCH");
    }

    @Test
    void none_andAnEmptyHistory_allowAnything() {
        ParsedSchema string = AvroSchemaProvider.parse("\"string\"");
        assertThat(CompatibilityLevel.NONE.check(string, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(string, List.of())).isEmpty();
    }

    @Test
    void versions_mustMatchTheHistory() {
        assertThatThrownBy(() -> CompatibilityLevel.BACKWARD.check(V2, List.of(V1), List.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one version per schema");
    }

    @Test
    void aLongOldSchema_isQuotedCutAtTenKibibytes() {
        StringBuilder fields = new StringBuilder("{\"name\":\"f0\",\"type\":\"int\"}");
        for (int i = 1; i < 600; i++) {
            fields.append(",{\"name\":\"field_with_a_long_name_").append(i).append("\",\"type\":\"int\"}");
        }
        ParsedSchema big = record(fields.toString());
        ParsedSchema candidate = record("{\"name\":\"f0\",\"type\":\"string\"}");
        List<String> problems = CompatibilityLevel.BACKWARD.check(candidate, List.of(big));
        assertThat(problems.get(problems.size() - 1)).startsWith("{oldSchema: <truncated to 10240 characters> '")
                .hasSize("{oldSchema: <truncated to 10240 characters> '".length() + 10240 + 2);
    }

    @Test
    void levelNames_areReadCaseInsensitively_andUnknownOnesListTheValidOnes() {
        assertThat(CompatibilityLevel.fromName(" full_transitive ")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThatThrownBy(() -> CompatibilityLevel.fromName("SIDEWAYS")).hasMessageContaining("BACKWARD_TRANSITIVE");
    }
}

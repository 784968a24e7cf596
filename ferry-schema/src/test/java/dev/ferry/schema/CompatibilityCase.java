package dev.ferry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One row of a compatibility table: a subject's history (oldest first), a candidate schema, the levels that must
 * refuse it and a text every refusal must contain (the broken field's name). The tables of the Avro and JSON
 * Schema tests are lists of these, run at every level.
 */
public record CompatibilityCase(String change, List<String> history, String candidate,
        Set<CompatibilityLevel> rejectedAt, String mentioned) {

    public static CompatibilityCase allowedEverywhere(String change, List<String> history, String candidate) {
        return new CompatibilityCase(change, history, candidate, EnumSet.noneOf(CompatibilityLevel.class), "");
    }

    public static CompatibilityCase rejected(String change, List<String> history, String candidate, String mentioned,
            CompatibilityLevel... levels) {
        return new CompatibilityCase(change, history, candidate, EnumSet.copyOf(List.of(levels)), mentioned);
    }

    /** Every row at every level, as parameterized test arguments named "change at LEVEL". */
    public static Stream<Arguments> atEveryLevel(List<CompatibilityCase> table) {
        List<Arguments> out = new ArrayList<>();
        for (CompatibilityCase row : table) {
            for (CompatibilityLevel level : CompatibilityLevel.values()) {
                out.add(Arguments.of(row.change(), level, row));
            }
        }
        return out.stream();
    }

    /** Runs the row at {@code level} with schemas parsed by {@code type}'s provider and checks the outcome. */
    public void verify(SchemaType type, CompatibilityLevel level) {
        SchemaProvider provider = SchemaProviders.of(type);
        List<ParsedSchema> previous = history.stream().map(t -> provider.parse(t, List.of(), Map.of())).toList();
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= previous.size(); v++) {
            versions.add(v);
        }
        ParsedSchema next = provider.parseNew(candidate, List.of(), Map.of());
        List<String> messages = level.check(next, previous, versions);
        if (rejectedAt.contains(level)) {
            assertThat(messages).as("%s at %s must be refused", change, level).isNotEmpty();
            assertThat(String.join("\n", messages)).as("the refusal names the broken field").contains(mentioned);
        } else {
            assertThat(messages).as("%s at %s must be allowed", change, level).isEmpty();
        }
    }
}

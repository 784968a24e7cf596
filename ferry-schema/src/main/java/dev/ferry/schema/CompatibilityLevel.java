package dev.ferry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Confluent's compatibility levels. A backward check asks whether the new schema reads data written with an
 * older one, a forward check whether an older schema reads data written with the new one, a full check both;
 * the transitive levels check against every earlier version, the others against the latest only.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /**
     * The level a request names, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CompatibilityLevel fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid compatibility level '" + name + "'. Use one of NONE, BACKWARD, "
                    + "BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.");
        }
    }

    public boolean transitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    /**
     * Why {@code candidate} may not follow {@code previous} at this level; empty when it may.
     *
     * @param previous the subject's earlier schemas, oldest first; a non-transitive level looks at the last only
     */
    public List<String> check(ParsedSchema candidate, List<? extends ParsedSchema> previous) {
        if (this == NONE || previous.isEmpty()) {
            return List.of();
        }
        List<? extends ParsedSchema> against = transitive() ? previous : previous.subList(previous.size() - 1, previous.size());
        List<String> problems = new ArrayList<>();
        // Newest first: the latest version's problems are the ones a user most likely needs to see.
        for (int i = against.size() - 1; i >= 0; i--) {
            ParsedSchema older = against.get(i);
            if (this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE) {
                problems.addAll(candidate.incompatibilitiesWith(older));
            }
            if (this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE) {
                problems.addAll(older.incompatibilitiesWith(candidate));
            }
        }
        return problems;
    }
}

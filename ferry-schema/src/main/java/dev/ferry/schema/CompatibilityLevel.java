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

    /** Longest old schema text quoted in a message, as Confluent's; longer ones are cut and say so. */
    private static final int MAX_OLD_SCHEMA_CHARS = 10 * 1024;

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
     * Why {@code candidate} may not follow {@code previous} at this level; empty when it may. The messages are
     * Confluent's: each problem in the format's shape, the schemas called "new" and "old", and after the problems
     * found against one earlier schema {@code {oldSchema: '<its canonical text>'}}. A transitive level checks the
     * newest earlier schema first and stops at the first one that fails, as Confluent does. (The registry adds
     * Confluent's closing {@code {validateFields: ..., compatibility: ...}} line itself, since it knows the config.)
     *
     * @param previous the subject's earlier schemas, oldest first; a non-transitive level looks at the last only
     */
    public List<String> check(ParsedSchema candidate, List<? extends ParsedSchema> previous) {
        return check(candidate, previous, null);
    }

    /**
     * As {@link #check(ParsedSchema, List)}, with {@code {oldSchemaVersion: N}} before each {@code {oldSchema: ...}}
     * line, as Confluent's registry writes when it knows the version.
     *
     * @param previousVersions the version of each of {@code previous}, in the same order; null when unknown
     */
    public List<String> check(ParsedSchema candidate, List<? extends ParsedSchema> previous,
            List<Integer> previousVersions) {
        if (this == NONE || previous.isEmpty()) {
            return List.of();
        }
        if (previousVersions != null && previousVersions.size() != previous.size()) {
            throw new IllegalArgumentException("previousVersions has " + previousVersions.size() + " entries for "
                    + previous.size() + " previous schemas; give one version per schema or null.");
        }
        int oldest = transitive() ? 0 : previous.size() - 1;
        // Newest first: the latest version's problems are the ones a user most likely needs to see.
        for (int i = previous.size() - 1; i >= oldest; i--) {
            ParsedSchema older = previous.get(i);
            Integer version = previousVersions == null ? null : previousVersions.get(i);
            List<String> problems = problemsAgainst(candidate, older, version);
            if (!problems.isEmpty()) {
                return problems;
            }
        }
        return List.of();
    }

    private List<String> problemsAgainst(ParsedSchema candidate, ParsedSchema older, Integer version) {
        List<String> problems = new ArrayList<>();
        switch (this) {
            case BACKWARD, BACKWARD_TRANSITIVE ->
                    problems.addAll(withOldSchema(candidate.incompatibilitiesWith(older, "new", "old"), older, version));
            case FORWARD, FORWARD_TRANSITIVE ->
                    problems.addAll(withOldSchema(older.incompatibilitiesWith(candidate, "old", "new"), older, version));
            default -> {
                // Confluent lists the forward problems first and names the old schema only after the backward ones.
                problems.addAll(older.incompatibilitiesWith(candidate, "old", "new"));
                problems.addAll(withOldSchema(candidate.incompatibilitiesWith(older, "new", "old"), older, version));
            }
        }
        return problems;
    }

    private static List<String> withOldSchema(List<String> problems, ParsedSchema older, Integer version) {
        if (problems.isEmpty()) {
            return problems;
        }
        List<String> out = new ArrayList<>(problems);
        if (version != null) {
            out.add("{oldSchemaVersion: " + version + "}");
        }
        String text = older.canonical();
        out.add(text.length() <= MAX_OLD_SCHEMA_CHARS ? "{oldSchema: '" + text + "'}"
                : "{oldSchema: <truncated to " + MAX_OLD_SCHEMA_CHARS + " characters> '"
                        + text.substring(0, MAX_OLD_SCHEMA_CHARS) + "'}");
        return out;
    }
}

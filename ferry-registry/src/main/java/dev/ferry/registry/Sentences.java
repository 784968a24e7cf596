package dev.ferry.registry;

/**
 * Joins a message Ferry did not write (a driver's, Kafka's, the JDK's) with the sentence Ferry
 * adds after it, such as the fix, so that the foreign sentence ends exactly once: gluing
 * {@code ". Check ..."} to a message that already ends in a full stop gave {@code ".. Check"}.
 * The same rule as the runtime's {@code dev.ferry.runtime.model.Sentences}, repeated here because
 * the schema registry runs without the Connect runtime.
 *
 * <p>Thread contract: stateless, safe for concurrent use.
 */
public final class Sentences {
    private Sentences() {
    }

    /**
     * The text as one finished sentence: trailing blanks and a dangling {@code , ; :} removed, a
     * full stop added unless it already ends in {@code . ! ?} (or a closing bracket or quote after
     * one). Null or blank becomes {@code "No reason given."}.
     */
    public static String end(String text) {
        if (text == null || text.isBlank()) {
            return "No reason given.";
        }
        String trimmed = text.strip();
        while (!trimmed.isEmpty() && ",;:".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        int i = trimmed.length() - 1;
        while (i > 0 && ")]\"'".indexOf(trimmed.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?".indexOf(trimmed.charAt(i)) >= 0 ? trimmed : trimmed + ".";
    }

    /** {@code first} ended as a sentence, a space, then {@code next}. */
    public static String then(String first, String next) {
        return end(first) + " " + next;
    }
}

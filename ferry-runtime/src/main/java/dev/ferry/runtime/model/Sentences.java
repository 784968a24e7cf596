package dev.ferry.runtime.model;

/**
 * Joins a message Ferry did not write (an exception's, Kafka's, a plugin's) with the sentence
 * Ferry adds after it, such as the fix. Foreign messages end in a full stop or not at all, so
 * gluing {@code ". Check ..."} to them gave {@code "try again.. Check"} or
 * {@code "Not a number of type LONG Fix"}; these helpers end the foreign sentence exactly once.
 *
 * <p>Thread contract: stateless, safe for concurrent use.
 */
public final class Sentences {
    private Sentences() {
    }

    /**
     * The text as one finished sentence: trailing blanks and a dangling {@code , ; :} removed, a
     * full stop added unless it already ends in {@code . ! ?} (or a closing bracket or quote after one).
     * Null becomes {@code "No reason given."}: some exceptions carry no message at all.
     */
    public static String end(String text) {
        if (text == null || text.isBlank()) {
            return "No reason given.";
        }
        String trimmed = text.strip();
        while (!trimmed.isEmpty() && ",;:".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        return endsSentence(trimmed) ? trimmed : trimmed + ".";
    }

    /** {@code first} ended as a sentence, a space, then {@code next} (which should be a sentence of its own). */
    public static String then(String first, String next) {
        return end(first) + " " + next;
    }

    /** {@link #end(String)} of a throwable's {@code toString()}: its class and message. */
    public static String end(Throwable e) {
        return end(String.valueOf(e));
    }

    private static boolean endsSentence(String text) {
        int i = text.length() - 1;
        // "(see the docs.)" and "'it failed.'" end a sentence too
        while (i > 0 && ")]\"'".indexOf(text.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 && ".!?".indexOf(text.charAt(i)) >= 0;
    }
}

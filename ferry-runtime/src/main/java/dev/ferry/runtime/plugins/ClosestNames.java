package dev.ferry.runtime.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks, among known names (plugin aliases and class names, configuration keys), the ones a mistyped name was
 * probably meant to be: names within a small edit distance (ignoring case) and names that contain the requested
 * one or are contained in it.
 */
public final class ClosestNames {

    private static final int MAX_SUGGESTIONS = 5;

    private ClosestNames() {
    }

    /**
     * Suggestions for {@code requested}.
     *
     * @param candidates each known name (alias or class name) mapped to the class name it stands for
     * @return class names, best first, at most five
     */
    static List<String> suggest(String requested, Map<String, String> candidates) {
        String wanted = requested.toLowerCase(Locale.ROOT);
        String wantedSimple = simple(wanted);
        Map<String, Integer> bestScore = new HashMap<>();
        candidates.forEach((name, className) -> {
            String known = name.toLowerCase(Locale.ROOT);
            int score = score(wanted.contains(".") ? wanted : wantedSimple, wanted.contains(".") ? known : simple(known));
            if (score >= 0) {
                bestScore.merge(className, score, Math::min);
            }
        });
        List<String> ranked = new ArrayList<>(bestScore.keySet());
        ranked.sort(Comparator.comparing((String c) -> bestScore.get(c)).thenComparing(c -> c));
        return ranked.subList(0, Math.min(MAX_SUGGESTIONS, ranked.size()));
    }

    /**
     * The one known name {@code requested} most probably meant, compared as whole strings (ignoring case), or
     * empty when none is close: for configuration keys such as {@code offset.flush.interval.msx}.
     */
    public static Optional<String> closest(String requested, Collection<String> known) {
        String wanted = requested.toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String name : known) {
            int score = score(wanted, name.toLowerCase(Locale.ROOT));
            if (score >= 0 && (score < bestScore || score == bestScore && name.compareTo(best) < 0)) {
                best = name;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Lower is closer; -1 means not similar. */
    private static int score(String wanted, String known) {
        if (wanted.isEmpty() || known.isEmpty()) {
            return -1;
        }
        int tolerated = Math.max(2, wanted.length() / 3);
        // The distance is at least the difference in length: skipping hopeless pairs keeps a huge name (a
        // hostile or pasted value) from costing its length times every candidate's.
        if (Math.abs(wanted.length() - known.length()) <= tolerated) {
            int distance = distance(wanted, known);
            if (distance <= tolerated) {
                return distance;
            }
        }
        if (known.contains(wanted) || (wanted.contains(known) && known.length() >= 3)) {
            return 100 + Math.abs(known.length() - wanted.length());
        }
        return -1;
    }

    private static String simple(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

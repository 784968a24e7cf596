package dev.ferry.testkit;

import java.util.Map;
import java.util.TreeMap;

/** Parses broker properties written as {@code key=value}, from command lines and annotations. */
final class PropertyPairs {

    private PropertyPairs() {
    }

    /**
     * The pairs as a map sorted by key, so equal sets of properties compare and print alike.
     *
     * @param source where the pairs came from, for the error message
     * @throws IllegalArgumentException if a pair has no '=' or an empty key
     */
    static Map<String, String> parse(String[] pairs, String source) {
        Map<String, String> properties = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected a broker property as key=value in " + source
                        + ", got '" + pair + "'");
            }
            properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return properties;
    }
}

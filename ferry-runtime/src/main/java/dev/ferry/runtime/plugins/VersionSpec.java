package dev.ferry.runtime.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A requested plugin version: an exact version ({@code 1.2}, same as {@code [1.2]}) or Maven ranges such as
 * {@code [1.0,2.0)}, {@code (,1.0]}, {@code [1.5,)} or a union {@code (,1.0],[1.2,)}, as accepted by
 * Apache's {@code *.plugin.version} settings (KIP-891).
 */
final class VersionSpec {

    private record Bound(MavenVersion version, boolean inclusive) {
    }

    /** One interval; a null bound is unbounded on that side. */
    private record Restriction(Bound lower, Bound upper) {
        boolean contains(MavenVersion v) {
            if (lower != null) {
                int c = v.compareTo(lower.version);
                if (c < 0 || (c == 0 && !lower.inclusive)) {
                    return false;
                }
            }
            if (upper != null) {
                int c = v.compareTo(upper.version);
                return c < 0 || (c == 0 && upper.inclusive);
            }
            return true;
        }

        @Override
        public String toString() {
            return (lower != null && lower.inclusive ? "[" : "(")
                    + (lower != null ? lower.version : "") + "," + (upper != null ? upper.version : "")
                    + (upper != null && upper.inclusive ? "]" : ")");
        }
    }

    private final String text;
    private final List<Restriction> restrictions;

    private VersionSpec(String text, List<Restriction> restrictions) {
        this.text = text;
        this.restrictions = restrictions;
    }

    /**
     * Parses a specification; returns null for null, blank or {@code latest}, which all mean "the newest".
     *
     * @throws IllegalArgumentException describing what is wrong with the text
     */
    static VersionSpec parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("latest")) {
            return null;
        }
        String text = spec.trim();
        char first = text.charAt(0);
        if (first != '[' && first != '(') {
            if (text.contains(",") || text.contains("]") || text.contains(")")) {
                throw new IllegalArgumentException("a range must start with '[' or '('");
            }
            Bound exact = new Bound(MavenVersion.of(text), true);
            return new VersionSpec(text, List.of(new Restriction(exact, exact)));
        }
        List<Restriction> restrictions = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            char open = text.charAt(pos);
            if (open != '[' && open != '(') {
                throw new IllegalArgumentException("expected '[' or '(' at position " + pos);
            }
            int close = indexOfClose(text, pos + 1);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed range starting at position " + pos);
            }
            restrictions.add(restriction(text.substring(pos + 1, close), open == '[', text.charAt(close) == ']'));
            pos = close + 1;
            if (pos < text.length()) {
                if (text.charAt(pos) != ',') {
                    throw new IllegalArgumentException("ranges must be separated by ',' (position " + pos + ")");
                }
                pos++;
                if (pos == text.length()) {
                    throw new IllegalArgumentException("trailing ','");
                }
            }
        }
        return new VersionSpec(text, restrictions);
    }

    private static int indexOfClose(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ']' || c == ')') {
                return i;
            }
            if (c == '[' || c == '(') {
                return -1;
            }
        }
        return -1;
    }

    private static Restriction restriction(String body, boolean lowerInclusive, boolean upperInclusive) {
        int comma = body.indexOf(',');
        if (comma < 0) {
            if (!lowerInclusive || !upperInclusive || body.isBlank()) {
                throw new IllegalArgumentException("a single version must be written [version]");
            }
            Bound exact = new Bound(MavenVersion.of(body), true);
            return new Restriction(exact, exact);
        }
        if (body.indexOf(',', comma + 1) >= 0) {
            throw new IllegalArgumentException("a range has at most two bounds: '" + body + "'");
        }
        String low = body.substring(0, comma).trim();
        String high = body.substring(comma + 1).trim();
        Bound lower = low.isEmpty() ? null : new Bound(MavenVersion.of(low), lowerInclusive);
        Bound upper = high.isEmpty() ? null : new Bound(MavenVersion.of(high), upperInclusive);
        if (lower == null && lowerInclusive || upper == null && upperInclusive) {
            throw new IllegalArgumentException("an open bound must use '(' or ')': '" + body + "'");
        }
        if (lower != null && upper != null && lower.version.compareTo(upper.version) > 0) {
            throw new IllegalArgumentException("lower bound " + low + " is above upper bound " + high);
        }
        return new Restriction(lower, upper);
    }

    /** Whether the given plugin version satisfies this specification. */
    boolean contains(String version) {
        MavenVersion v = MavenVersion.of(version);
        return restrictions.stream().anyMatch(r -> r.contains(v));
    }

    /** The specification as the user wrote it. */
    String text() {
        return text;
    }

    /** The ranges in Maven's normal form, e.g. {@code [1.2,1.2]} for an exact version. */
    @Override
    public String toString() {
        return restrictions.stream().map(Restriction::toString).collect(Collectors.joining(","));
    }
}

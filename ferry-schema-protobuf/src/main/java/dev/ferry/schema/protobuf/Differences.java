package dev.ferry.schema.protobuf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a comparison of two schemas has found so far, and where it is: the path of the element being compared
 * and the pairs of messages already being compared further up (a recursive message type would otherwise never
 * end). Not thread-safe; one per comparison.
 */
final class Differences {

    private final Deque<String> path = new ArrayDeque<>();
    private final Set<Difference> found = new LinkedHashSet<>();
    private final Set<String> comparing;

    Differences() {
        this(new HashSet<>());
    }

    private Differences(Set<String> comparing) {
        this.comparing = comparing;
    }

    /**
     * A comparison of a message type that a field refers to, sharing this one's record of messages under
     * comparison. Its paths start at the type's name within its package ({@code #/Outer/Inner/...}), not at the
     * field, as in Confluent's messages.
     */
    Differences nested(String localTypeName) {
        Differences nested = new Differences(comparing);
        nested.path.addAll(List.of(localTypeName.split("\\.")));
        return nested;
    }

    void enter(String segment) {
        path.addLast(segment);
    }

    void leave() {
        path.removeLast();
    }

    /** Runs {@code body} one path segment deeper. */
    void at(String segment, Runnable body) {
        enter(segment);
        try {
            body.run();
        } finally {
            leave();
        }
    }

    void add(DifferenceType type) {
        found.add(new Difference(type, "#/" + String.join("/", path)));
    }

    void addAll(Differences other) {
        found.addAll(other.found);
    }

    /** Marks a pair of messages as under comparison; false when it already is. */
    boolean startComparing(String original, String update) {
        return comparing.add(original + "|" + update);
    }

    void doneComparing(String original, String update) {
        comparing.remove(original + "|" + update);
    }

    boolean compatible() {
        return found.stream().allMatch(d -> d.type().compatible());
    }

    List<Difference> all() {
        return new ArrayList<>(found);
    }
}

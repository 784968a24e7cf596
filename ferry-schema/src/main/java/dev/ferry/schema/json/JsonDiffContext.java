package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JSON Schema comparison is ({@code #/properties/address/properties/zip}) and what it has found so far.
 * A sub-context starts at the same place with nothing found, to try a comparison without committing to it (does
 * this subschema match that one?); all contexts of one comparison share the set of schema pairs being compared,
 * so that a recursive schema ends instead of looping.
 */
final class JsonDiffContext {

    private final Deque<String> path;
    private final List<JsonDifference> found = new ArrayList<>();
    private final Map<JsonNode, Set<JsonNode>> inProgress;

    JsonDiffContext() {
        this(new ArrayDeque<>(), new IdentityHashMap<>());
    }

    private JsonDiffContext(Deque<String> path, Map<JsonNode, Set<JsonNode>> inProgress) {
        this.path = path;
        this.inProgress = inProgress;
    }

    JsonDiffContext sub() {
        return new JsonDiffContext(new ArrayDeque<>(path), inProgress);
    }

    /** Steps into {@code segment} for the duration of a try-with-resources block. */
    Scope enter(String segment) {
        path.addLast(segment);
        return path::removeLast;
    }

    /** Marks the pair as being compared; false when it already is (a cycle), in which case it counts as equal. */
    boolean begin(JsonNode original, JsonNode update) {
        return inProgress.computeIfAbsent(original, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(update);
    }

    void end(JsonNode original, JsonNode update) {
        inProgress.get(original).remove(update);
    }

    void add(JsonDifference.Type type) {
        found.add(new JsonDifference(type, "#/" + String.join("/", path)));
    }

    void add(String keyword, JsonDifference.Type type) {
        try (Scope ignored = enter(keyword)) {
            add(type);
        }
    }

    void addAll(List<JsonDifference> differences) {
        found.addAll(differences);
    }

    List<JsonDifference> differences() {
        return found;
    }

    boolean compatible() {
        return found.stream().allMatch(JsonDifference::compatible);
    }

    /** A path step that is undone on close. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
